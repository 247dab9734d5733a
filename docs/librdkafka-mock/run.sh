#!/usr/bin/env bash
# Reproduces docs/librdkafka-mock-report.md's measurements: builds node-rdkafka (once, about 4
# minutes, into impl/broker/interop/rdkafka), then for each suite starts a fresh librdkafka mock cluster
# (3 brokers), validates it through the kafka: adapter (no fault hook: the mock's brokers cannot be
# stopped from outside), and notes whether the mock process survived. Writes suites/<suite>.json,
# suites/<suite>.md and suites/<suite>.mock.log here, then runs the crash reproduction.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-10}"
seed="${SEED:-7}"
suites="${SUITES:-group commit replication partition-change end-to-end assignors}"
bash "$root/impl/broker/interop/install-rdkafka.sh" >/dev/null
mkdir -p "$here/suites"
start_mock() {
  local log="$1"
  node "$here/mock-cluster.cjs" 3 >"$log" 2>&1 &
  mock=$!
  for _ in $(seq 50); do grep -q '^bootstrap:' "$log" && break; sleep 0.2; done
  bootstrap="$(sed -n 's/^bootstrap: //p' "$log")"
  [ -n "$bootstrap" ] || { cat "$log"; exit 1; }
}
cd "$root"
for suite in $suites; do
  log="$here/suites/$suite.mock.log"
  start_mock "$log"
  node bin/kspec.js validate --adapter "kafka:$bootstrap" --suite "$suite" --runs "$runs" --seed "$seed" \
    --traces "$here/traces" --json >"$here/suites/$suite.json" 2>/dev/null || true
  node --import=tsx "$here/to-markdown.ts" "$here/suites/$suite.json" >"$here/suites/$suite.md"
  if kill -0 "$mock" 2>/dev/null; then
    echo "$suite: mock alive at the end"
    kill "$mock"
    wait "$mock" 2>/dev/null || true
  else
    echo "$suite: MOCK CRASHED: $(grep -a -o 'rdkafka_mock.*' "$log" | head -1)"
  fi
  # The log names the ephemeral ports; keep only what explains a crash.
  grep -a -o 'rdkafka_mock.*' "$log" >"$log.tmp" || true
  mv "$log.tmp" "$log"
done
start_mock "$(mktemp)"
node --import=tsx "$here/join-assertion.ts" "${bootstrap%%,*}" || true
sleep 1
kill -0 "$mock" 2>/dev/null && { echo "crash reproduction: mock survived"; kill "$mock"; } || echo "crash reproduction: mock crashed"
