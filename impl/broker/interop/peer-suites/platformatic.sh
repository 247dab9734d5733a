#!/usr/bin/env bash
# @platformatic/kafka's own test suite (its public repository, tag $TAG, the Node 20 line) against
# `kspec broker` (issue 20 part 5). The repository is cloned into ~/.cache/kspec/peer-suites (from
# the local mirror when there is one, else GitHub) and its dependencies installed there with npm;
# nothing of it is committed. Its tests expect a docker-compose topology; the plain listeners are
# mapped onto two kspec clusters advertising `localhost` as the compose file does:
#   broker-single (localhost:9001)          -> kspec broker --brokers 1 --port 9001
#   broker-cluster-1..3 (localhost:9011-13) -> kspec broker --brokers 3 --port 9011
# SASL (9002), Kerberos (9003), the schema registry (8004-8006), transactions and the KIP-848
# consumer protocol are features kspec does not serve: those test files are left out.
#   bash impl/broker/interop/peer-suites/platformatic.sh [test-file ...]
# Writes node:test's spec report to $OUT (default /tmp/kspec-platformatic-suite.log), broker logs
# to $OUT.single.log and $OUT.cluster.log, and prints each file's counts and failing tests.
# Takes about 10 minutes on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
tag="${TAG:-v1.34.0}"
cache="${CACHE:-$HOME/.cache/kspec/peer-suites}/platformatic-kafka-$tag"
out="${OUT:-/tmp/kspec-platformatic-suite.log}"
mirror=/work/.mirror/platformatic+kafka/repo
if [ ! -d "$cache/node_modules" ]; then
  rm -rf "$cache"
  source="https://github.com/platformatic/kafka.git"
  [ -d "$mirror" ] && git -C "$mirror" rev-parse -q --verify "refs/tags/$tag" >/dev/null && source="$mirror"
  git -c advice.detachedHead=false clone -q --depth 1 --branch "$tag" "$source" "$cache"
  # Scripts off: the native build of kerberos (the GSSAPI tests, left out) is not needed.
  (cd "$cache" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
# The plain-listener test files: producer, consumer, admin, group and base client tests.
default_files=(
  test/clients/producer/producer.test.ts test/clients/producer/producer-stream.test.ts
  test/clients/producer/partitioners.test.ts test/clients/consumer/consumer.test.ts
  test/clients/consumer/messages-stream.test.ts test/clients/consumer/messages-stream-autocommit.test.ts
  test/clients/consumer/messages-stream-paused-guard.test.ts
  test/clients/consumer/messages-stream-rebalance.test.ts test/clients/consumer/messages-stream-backpressure.test.ts
  test/clients/consumer/topics-map.test.ts test/clients/admin/admin.test.ts test/clients/base/base.test.ts
)
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("${default_files[@]}")
pids=()
start_cluster() { # name brokers port
  node "$root/bin/kspec.js" broker --host localhost --brokers "$2" --port "$3" \
    --config group.initial.rebalance.delay.ms=0 >"$out.$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do grep -q '^bootstrap:' "$out.$1.log" && return; sleep 0.3; done
  cat "$out.$1.log"
  exit 1
}
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done' EXIT
start_cluster single 1 9001
start_cluster cluster 3 9011
echo "kspec brokers on localhost:9001 and localhost:9011-9013; @platformatic/kafka $tag tests -> $out"
# KAFKA_VERSION answers the suite's version probe (it would otherwise ask docker for the image):
# Confluent 8.0 is Apache Kafka 4.0, the newest line its compose file names.
# Tests of a feature kspec does not serve that wait forever instead of failing (a transactional
# producer refused TRANSACTIONAL_ID_AUTHORIZATION_FAILED waits for its records) are left out by
# name; node 20 has no --test-skip-pattern, so such a file runs with a --test-name-pattern that
# lists its other tests. Each file runs on its own, bounded by $TEST_TIMEOUT ms.
skip_names=(
  'should consume messages from committed transaction, filtering out control markers'
  'should support consume-transform-produce patterns'
)
pattern_for() { # file -> its --test-name-pattern, or nothing when none of its tests is left out
  local names skipped=0 name
  names="$(grep -oE "^test\('[^']*'" "$cache/$1" | sed "s/^test('//; s/'\$//")"
  for name in "${skip_names[@]}"; do grep -qxF "$name" <<<"$names" && skipped=1; done
  [ $skipped = 1 ] || return 0
  grep -vxF -f <(printf '%s\n' "${skip_names[@]}") <<<"$names" | sed 's/[][\\.*^$+?(){}|/]/\\&/g' |
    paste -sd'|' | sed 's/^/^(/; s/$/)$/'
}
: >"$out"
for file in "${files[@]}"; do
  echo "=== $file" >>"$out"
  pattern="$(pattern_for "$file")"
  (cd "$cache" && KAFKA_VERSION=8.0.0 node --import @swc-node/register/esm-register --test \
    --test-timeout="${TEST_TIMEOUT:-600000}" ${pattern:+"--test-name-pattern=$pattern"} \
    --test-reporter=spec "$file" >>"$out" 2>&1) || true
done
# Per file: its counts, then the names of its failing tests.
awk '/^=== /{file=$2} /^ℹ (tests|pass|fail|cancelled|skipped) /{n[file]=n[file] " " $2 "=" $3}
  END{for (f in n) print f ":" n[f]}' "$out" | sort
grep -aE '^(=== |✖ )' "$out" | awk '/^=== /{file=$2; next} !seen[file $0]++{sub(/^✖ /, ""); print file ": " $0}' |
  grep -av ': failing tests:$' || true
