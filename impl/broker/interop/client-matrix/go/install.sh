#!/usr/bin/env bash
# franz-go's kgo from the Go module proxy (pinned in go.mod/go.sum; the module cache stays in
# ~/go), built into kspec's cache; prints the binary to run. Fails (exit 1, one line) without Go.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v go >/dev/null || { echo "franz-go: go is not installed" >&2; exit 1; }
key="$(cat "$here/go.mod" "$here/go.sum" "$here/main.go" | sha256sum | cut -c1-12)"
binary="${KSPEC_CACHE:-$HOME/.cache/kspec}/clients/kgo-client-$key"
if [ ! -x "$binary" ]; then
  mkdir -p "$(dirname "$binary")"
  (cd "$here" && go build -o "$binary.tmp" .) >&2 || { echo "franz-go: go build failed" >&2; exit 1; }
  mv "$binary.tmp" "$binary"
fi
echo "$binary"
