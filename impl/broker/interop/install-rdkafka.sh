#!/usr/bin/env bash
# Builds node-rdkafka (librdkafka from its bundled source, about 4 minutes on 2 cores) into
# impl/broker/interop/rdkafka/, apart from kspec's own dependencies so `npm ci` stays fast. Does nothing
# when the addon is already built there (a cache). Offline: node-gyp uses the installed headers.
set -euo pipefail
cd "$(dirname "$0")/rdkafka"
addon=node_modules/node-rdkafka/build/Release/node-librdkafka.node
if [ -f "$addon" ] && node -e "require('node-rdkafka')" 2>/dev/null; then
  echo "node-rdkafka already built: $PWD/$addon"
  exit 0
fi
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
npm install --no-audit --no-fund --no-package-lock --foreground-scripts=false
node -e "const k = require('node-rdkafka'); console.log('node-rdkafka', k.librdkafkaVersion)"
