#!/usr/bin/env bash
# Makes the v3 fixtures with the real, pinned Postman CLI (test-tools/postman-cli), offline:
#   postman collection migrate <v2.1 collection> -o <folder>
# for the demo and every case of the parity corpus, and the demo's v3 environment with
#   postman environment new demo; postman environment var set KEY VALUE -e <file>
# Run from the repository's root after `npm ci --prefix test-tools/postman-cli`; it rewrites
# test-fixtures/v3 (this script and README.md stay).
set -euo pipefail
cd "$(dirname "$0")/../.."
postman="$PWD/test-tools/postman-cli/node_modules/@postman/pm-bin-linux-x64/bin/postman"
out=test-fixtures/v3
export POSTMAN_DISABLE_ANALYTICS=1 # not read by every version; --no-report-events is per run

rm -rf "$out/demo" "$out/parity" "$out/e2e" "$out/leaks"
mkdir -p "$out/demo/postman" "$out/parity"
"$postman" collection migrate test-fixtures/demo/collection.json -o "$out/demo/postman/collections/demo"
# The demo's environment as a v3 environment file (the values of test-fixtures/demo/environment.json).
(
  cd "$out/demo"
  "$postman" environment new demo >/dev/null
  set_var() { "$postman" environment var set "$1" "$2" -e postman/environments/demo.environment.yaml >/dev/null; }
  set_var baseUrl 'http://127.0.0.1:3000'
  set_var username 'demo-user'
  set_var db_password 'akv://demo-vault/db-password'
  set_var auth_header 'Bearer {{vault:api_token}}'
)
# The end-to-end collection (every kind of reference, RunEndToEndIT) and the failing one.
for name in collection failing-collection; do
  "$postman" collection migrate "test-fixtures/e2e/$name.json" -o "$out/e2e/$name" >/dev/null
done
# A v3 environment's secure variable (PostmanCliEndToEndIT). The CLI writes no secure variable,
# so sources/secure-variable.environment.yaml is written by hand, as Postman v12 stores one.
"$postman" collection migrate "$out/sources/secure-variable.json" -o "$out/e2e/secure-variable" >/dev/null
# The leak tests' collections that the Postman CLI also runs as v3 folders (LeakMatrixIT,
# LeakPostmanCliIT).
for name in collection scripts; do
  "$postman" collection migrate "test-fixtures/leaks/$name.json" -o "$out/leaks/$name" >/dev/null
done
for case in test-fixtures/parity/*/; do
  name=$(basename "$case")
  if ! error=$("$postman" collection migrate "$case/collection.json" -o "$out/parity/$name" 2>&1 >/dev/null); then
    # What the CLI said, with this checkout's path cut off.
    echo "$name: ${error//$PWD\//}" | head -n 1 >>"$out/parity/not-migrated.txt"
  fi
done
