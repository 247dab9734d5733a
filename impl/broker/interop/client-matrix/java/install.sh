#!/usr/bin/env bash
# kafka-clients 4.4.0 from Maven Central into Maven's cache; prints the classpath to run
# Client.java with (`java -cp CLASSPATH Client.java`). Fails (exit 1, one line) without Java/Maven.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v java >/dev/null || { echo "java client: java is not installed" >&2; exit 1; }
command -v mvn >/dev/null || { echo "java client: mvn is not installed" >&2; exit 1; }
key="$(sha256sum "$here/pom.xml" | cut -c1-12)"
classpath="${KSPEC_CACHE:-$HOME/.cache/kspec}/clients/java-classpath-$key.txt"
if [ ! -s "$classpath" ]; then
  mkdir -p "$(dirname "$classpath")"
  mvn -B -q -f "$here/pom.xml" dependency:build-classpath "-Dmdep.outputFile=$classpath.tmp" >&2 ||
    { echo "java client: mvn could not resolve kafka-clients 4.4.0" >&2; exit 1; }
  mv "$classpath.tmp" "$classpath"
fi
cat "$classpath"
