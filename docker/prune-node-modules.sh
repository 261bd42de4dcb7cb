#!/bin/sh
# Removes from an installed node_modules what Node.js never loads at run time: documentation,
# tests, examples, type declarations, TypeScript sources and source maps. Licence and notice files
# stay, whatever their extension.
#   prune-node-modules.sh NODE_MODULES_DIR
# Used by the Dockerfile's newman stage; .ci/image-check runs every reporter in the built image, so
# a file removed here that Newman needs fails there.
set -eu
dir=$1
[ -d "$dir" ] || { echo "prune-node-modules.sh: no directory $dir" >&2; exit 2; }

find "$dir" -depth -type d \( -name test -o -name tests -o -name __tests__ -o -name docs \
  -o -name doc -o -name example -o -name examples -o -name benchmark -o -name benchmarks \
  -o -name coverage -o -name .github -o -name .nyc_output \) -exec rm -rf {} +

find "$dir" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.ts' -o -name '*.mts' \
  -o -name '*.cts' -o -name '*.map' -o -name '*.tsbuildinfo' -o -name '.eslintrc*' \
  -o -name '.travis.yml' -o -name '.npmignore' -o -name '.editorconfig' \) \
  ! -iname 'licen[cs]e*' ! -iname 'copying*' ! -iname 'notice*' -delete
