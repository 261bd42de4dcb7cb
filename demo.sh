#!/usr/bin/env bash
# Runs the bundled demo end to end, with no account and no network: builds the jar and installs
# the pinned Newman if needed, starts a local echo API, and runs the demo collection with secrets
# from test-fixtures/demo/demo.secrets. Extra arguments go to newman-keyvault (e.g. --dry-run).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -f target/newman-keyvault.jar ]; then
  echo "Building target/newman-keyvault.jar (first run only)..." >&2
  ./mvnw -q -B -DskipTests package
elif [ -n "$(find src/main pom.xml -newer target/newman-keyvault.jar -type f -print -quit)" ]; then
  echo "Rebuilding target/newman-keyvault.jar: the sources changed since it was built..." >&2
  ./mvnw -q -B -DskipTests package
fi
if [ ! -x node_modules/.bin/newman ]; then
  echo "Installing the pinned Newman into node_modules (first run only)..." >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

port_file=$(mktemp)
node test-fixtures/demo/echo-server.js > "$port_file" &
echo_pid=$!
trap 'kill "$echo_pid" 2>/dev/null; rm -f "$port_file"' EXIT
for _ in $(seq 50); do [ -s "$port_file" ] && break; sleep 0.1; done
port=$(head -n 1 "$port_file")

# Through the launcher, as the image runs it: with the class-data-sharing archive the build makes
# beside the jar (or, on Java 19+, one made on first use) and JVM options for a short start.
NKV_JAR=target/newman-keyvault.jar sh docker/newman-keyvault run \
  --collection test-fixtures/demo/collection.json \
  --environment test-fixtures/demo/environment.json \
  --key-vault demo-vault \
  --secrets-file test-fixtures/demo/demo.secrets \
  --newman node_modules/.bin/newman \
  "$@" \
  -- --env-var "baseUrl=http://127.0.0.1:$port"
