#!/usr/bin/env bash
# Makes the v3 audit fixtures with the real, pinned Postman CLI (test-tools/postman-cli), offline:
#   postman collection migrate test-fixtures/audit/NAME.postman_collection.json -o <folder>
# for the leaky, clean and known-secret collections, and the leaky environment as a v3
# environment file with
#   postman environment new leaky; postman environment var set KEY VALUE -e <file>
# (the CLI writes every variable enabled and none secret: the JSON's "type": "secret" and
# "enabled": false have no counterpart there). Run from the repository's root after
# `npm ci --prefix test-tools/postman-cli`; it rewrites test-fixtures/audit/v3/postman (this
# script stays). The values are the JSON fixtures' fake canaries.
set -euo pipefail
cd "$(dirname "$0")/../../.."
postman="$PWD/test-tools/postman-cli/node_modules/@postman/pm-bin-linux-x64/bin/postman"
out=test-fixtures/audit/v3/postman
export POSTMAN_DISABLE_ANALYTICS=1

rm -rf "$out"
mkdir -p "$out/collections"
for name in leaky clean known-secret; do
  "$postman" collection migrate "test-fixtures/audit/$name.postman_collection.json" -o "$out/collections/$name"
done
(
  cd "$out/.."
  "$postman" environment new leaky >/dev/null
  jq -r '.values[] | [.key, .value] | @tsv' ../leaky.postman_environment.json |
    while IFS=$'\t' read -r key value; do
      "$postman" environment var set "$key" "$value" -e postman/environments/leaky.environment.yaml >/dev/null
    done
)
