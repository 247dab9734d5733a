#!/usr/bin/env bash
# Installs every client of the matrix (CI runs this before npm test); the first that cannot be
# installed stops it with its one-line reason and exit 1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/../install-rdkafka.sh" >/dev/null
bash "$here/java/install.sh" >/dev/null
bash "$here/go/install.sh" >/dev/null
bash "$here/python/install.sh" >/dev/null
bash "$here/platformatic/install.sh" >/dev/null
echo "client matrix: Java client, librdkafka, kafkajs, franz-go, kafka-python and @platformatic/kafka installed"
