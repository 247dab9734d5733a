#!/usr/bin/env bash
# Reproduces docs/librdkafka-mock-report.md's measurements: builds node-rdkafka (once, about 4
# minutes, into test/interop/rdkafka), starts librdkafka's mock cluster with 3 brokers, validates it
# through the kafka: adapter (no fault hook: the mock's brokers cannot be stopped from outside), and
# prints the deviation scenarios. Writes report.json and report.md here.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-15}"
seed="${SEED:-7}"
bash "$root/test/interop/install-rdkafka.sh"
out="$(mktemp)"
node "$here/mock-cluster.cjs" 3 >"$out" 2>&1 &
mock=$!
trap 'kill "$mock" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 50); do grep -q '^bootstrap:' "$out" && break; sleep 0.2; done
bootstrap="$(sed -n 's/^bootstrap: //p' "$out")"
[ -n "$bootstrap" ] || { cat "$out"; exit 1; }
echo "mock cluster: $bootstrap"
cd "$root"
node bin/kspec.js validate --adapter "kafka:$bootstrap" --runs "$runs" --seed "$seed" \
  --traces "$here/traces" --json >"$here/report.json" || true
node --import=tsx "$here/to-markdown.ts" "$here/report.json" >"$here/report.md"
node --import=tsx "$here/deviations.ts" "kafka:$bootstrap"
