#!/usr/bin/env bash
# kafka-python from PyPI into a virtualenv in kspec's cache (nothing is committed); prints the
# interpreter to run client.py with. Fails (exit 1, one line) when Python or PyPI is missing.
set -euo pipefail
version=3.0.12
venv="${KSPEC_CACHE:-$HOME/.cache/kspec}/clients/kafka-python-$version"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import kafka" 2>/dev/null; then
  command -v python3 >/dev/null || { echo "kafka-python: python3 is not installed" >&2; exit 1; }
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q "kafka-python==$version" >&2 || { echo "kafka-python: pip install kafka-python==$version failed" >&2; exit 1; }
fi
echo "$venv/bin/python"
