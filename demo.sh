#!/usr/bin/env bash
# Runs the bundled demo end to end, with no account and no network: builds the jar and installs
# the pinned Newman if needed, starts a local echo API, and runs the demo collection with secrets
# from test-fixtures/demo/demo.secrets. Extra arguments go to newman-keyvault (e.g. --dry-run).
set -euo pipefail
cd "$(dirname "$0")"

# Prints what a step is about to do, then how long it took.
step() {
  local what=$1
  shift
  echo "$what" >&2
  local start=$SECONDS
  "$@"
  echo "  done in $((SECONDS - start)) s" >&2
}

build() {
  # The demo needs the jar only: no tests, none of the build's own checks (Error Prone), and not
  # the test tools the build installs with Newman (below: the runtime dependencies only).
  ./mvnw -q -B -ntp -DskipTests -Dnkv.errorprone.skip -P '!install-newman,!install-postman-cli' package
}

if [ ! -f target/newman-keyvault.jar ]; then
  step "Building target/newman-keyvault.jar (first run only: about 30 s, plus Maven's downloads on a new machine)..." build
elif [ -n "$(find src/main pom.xml -newer target/newman-keyvault.jar -type f -print -quit)" ]; then
  step "Rebuilding target/newman-keyvault.jar: the sources changed since it was built (about 30 s)..." build
fi
if [ ! -x node_modules/.bin/newman ]; then
  # The runtime dependencies only (Newman, its reporter); ./mvnw verify adds the test tools.
  step "Installing the pinned Newman into node_modules (first run only: about 10 s)..." \
    npm ci --omit=dev --no-audit --no-fund --loglevel=error
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
