#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the HTML page test (traces/render/html.browser.test.ts).
# Installs it only when running as root with apt available; otherwise says why and exits 0, so the
# test can skip with a clear message (outside CI). Safe to run repeatedly: does nothing if present.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "ensure-chromium: $(command -v chromium) present"
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: chromium missing and cannot install it (needs root and apt-get); the browser test will skip"
  exit 0
fi
echo "ensure-chromium: installing chromium with apt-get (a few minutes)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "ensure-chromium: $(command -v chromium) installed"
