#!/usr/bin/env bash
# @platformatic/kafka 1.x (flexible protocol versions only) from npm into this folder's
# node_modules (ignored by git). Fails (exit 1, one line) when npm cannot install it.
set -euo pipefail
cd "$(dirname "$0")"
if ! node -e "import('@platformatic/kafka')" 2>/dev/null; then
  npm install --no-audit --no-fund --no-package-lock >&2 || { echo "@platformatic/kafka: npm install failed" >&2; exit 1; }
fi
echo "$PWD"
