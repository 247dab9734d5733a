#!/usr/bin/env bash
# Reproduces docs/kfake-report.md's measurements: builds the kfake program (main.go; franz-go's
# pkg/kfake at the commit go.mod pins, fetched by the Go toolchain into its module cache, ~/go) into
# ~/.cache/kspec/kfake/, then for each suite starts a fresh 3-broker kfake cluster on loopback with
# its fault control port, validates it through the kafka: adapter with `kfake fault` as the fault
# command (crash and clean shutdown: the node leaves the cluster; restart: it joins again; power
# loss, disk loss and isolation: unsupported, see main.go), and notes whether the cluster process
# survived. Writes suites/<suite>.json and suites/<suite>.md here. FAULTS=0 runs without faults.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-10}"
seed="${SEED:-7}"
suites="${SUITES:-group commit replication partition-change end-to-end assignors}"
command -v go >/dev/null || { echo "kfake: the Go toolchain (go) is not on PATH; see ../shared/toolchain.md" >&2; exit 2; }
bin="${KSPEC_CACHE:-$HOME/.cache/kspec}/kfake/kfake"
mkdir -p "$(dirname "$bin")" "$here/suites"
(cd "$here" && go build -o "$bin" .)
start_kfake() {
  local log="$1"
  "$bin" -brokers 3 -control 127.0.0.1:0 >"$log" 2>&1 &
  cluster=$!
  for _ in $(seq 50); do grep -q '^bootstrap:' "$log" && break; sleep 0.2; done
  for _ in $(seq 50); do grep -q '^control:' "$log" && break; sleep 0.2; done
  bootstrap="$(sed -n 's/^bootstrap: //p' "$log")"
  control="$(sed -n 's/^control: //p' "$log")"
  [ -n "$bootstrap" ] && [ -n "$control" ] || { cat "$log"; exit 1; }
}
cd "$root"
for suite in $suites; do
  log="$(mktemp)"
  start_kfake "$log"
  started=$SECONDS
  faults=(--fault-cmd "$bin fault $control {kind} {broker}")
  [ "${FAULTS:-1}" = 0 ] && faults=()
  node bin/kspec.js validate --adapter "kafka:$bootstrap" --suite "$suite" --runs "$runs" --seed "$seed" \
    "${faults[@]}" --traces "$here/traces" --json >"$here/suites/$suite.json" 2>"$here/suites/$suite.err" || true
  if [ -s "$here/suites/$suite.json" ]; then
    node --import=tsx "$root/docs/librdkafka-mock/to-markdown.ts" "$here/suites/$suite.json" >"$here/suites/$suite.md"
    rm -f "$here/suites/$suite.err"
  else
    echo "$suite: VALIDATE FAILED (no report): $(tail -3 "$here/suites/$suite.err")"
  fi
  if kill -0 "$cluster" 2>/dev/null; then
    echo "$suite: kfake alive at the end ($((SECONDS - started)) s)"
    kill "$cluster"
    wait "$cluster" 2>/dev/null || true
  else
    echo "$suite: KFAKE DIED: $(tail -3 "$log")"
  fi
  rm -f "$log"
done
