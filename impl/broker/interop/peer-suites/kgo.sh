#!/usr/bin/env bash
# franz-go's own kgo test suite (github.com/twmb/franz-go/pkg/kgo, the version the client matrix
# pins) against a 3-broker `kspec broker` on loopback (issue 20 part 5). The module comes from the
# Go module proxy into ~/go (nothing is committed); its integration tests read KGO_SEEDS.
#   bash impl/broker/interop/peer-suites/kgo.sh [go test -run REGEX]   (RECORDS=50000 by default)
# Writes the verbose log to $OUT (default /tmp/kspec-kgo-suite.log) and prints one line per
# top-level test outcome count. Takes 10-25 minutes on 2 cores.
# Diagnosis: BROKER_LOG=FILE keeps the broker's stderr; BROKER_ARGS adds `kspec broker` options
# (e.g. "--log-level debug --control-port 0"); KGO_LOG_LEVEL=info|debug turns kgo's logs on (none
# by default); BROKER_NODE_OPTIONS is NODE_OPTIONS for the broker (e.g. --inspect=127.0.0.1:9229).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
version="$(sed -n 's/^require github.com\/twmb\/franz-go \(v[0-9.]*\)$/\1/p' "$root/impl/broker/interop/client-matrix/go/go.mod")"
out="${OUT:-/tmp/kspec-kgo-suite.log}"
port="${PORT:-29092}"
(cd "$root/impl/broker/interop/client-matrix/go" && go mod download "github.com/twmb/franz-go@$version")
module="$(go env GOMODCACHE)/github.com/twmb/franz-go@$version/pkg/kgo"
log="${BROKER_LOG:-$(mktemp)}"
# shellcheck disable=SC2086 # BROKER_ARGS is a list of options
NODE_OPTIONS="${BROKER_NODE_OPTIONS:-}" node "$root/bin/kspec.js" broker --brokers 3 --port "$port" \
  --config group.initial.rebalance.delay.ms=0 ${BROKER_ARGS:-} >"$log" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null; [ -n "${BROKER_LOG:-}" ] || rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q '^bootstrap:' "$log" && break; sleep 0.3; done
seeds="$(sed -n 's/^bootstrap: //p' "$log")"
[ -n "$seeds" ] || { cat "$log"; exit 1; }
echo "kspec broker at $seeds; franz-go $version kgo tests -> $out"
(cd "$module" && KGO_SEEDS="$seeds" KGO_LOG_LEVEL="${KGO_LOG_LEVEL:-none}" KGO_TEST_RECORDS="${RECORDS:-50000}" \
  go test -count=1 -timeout 40m -v ${1:+-run "$1"} . >"$out" 2>&1) || true
grep -E '^--- (PASS|FAIL|SKIP)' "$out" | awk '{print $2}' | sort | uniq -c
grep -E '^--- FAIL' "$out" || true
