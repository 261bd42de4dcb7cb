#!/usr/bin/env bash
# The GitHub Action's entrypoint (action.yml: runs.entrypoint). The image itself has no
# ENTRYPOINT, so that it also works as an Azure Pipelines container job image.
#
# Every action input arrives as an environment variable (action.yml: runs.env), and the tool reads
# those itself (NKV_COLLECTION, NKV_SECRETS, ...). This script only:
#   1. splits NKV_NEWMAN_ARGS at whitespace (spaces, tabs, newlines) into Newman options, with
#      no eval, no globbing and no command substitution: `$(...)` and `*` stay literal text;
#   2. runs `newman-keyvault run [-- NEWMAN-OPTIONS...]`;
#   3. appends exit-code and reports-dir to $GITHUB_OUTPUT when the runner set it;
#   4. exits with the tool's code (0 passed, 1 tests failed, 2 usage, 3 Postman, 4 secrets,
#      5 Newman, 70 bug).
# Arguments given to this script are ignored: inputs come from the environment only.
set -uo pipefail

reports_dir="${NKV_REPORTS_DIR:-}"
case "$reports_dir" in
  *$'\n'* | *$'\r'*)
    # It would inject extra lines into $GITHUB_OUTPUT.
    echo "error: the reports-dir input must be a single line" >&2
    exit 2
    ;;
esac

args=()
if [[ -n "${NKV_NEWMAN_ARGS:-}" ]]; then
  # -d '' reads every line, not only the first; read returns 1 at the end of input.
  IFS=$' \t\n' read -r -d '' -a args <<<"$NKV_NEWMAN_ARGS" || true
fi

code=0
if ((${#args[@]} > 0)); then
  newman-keyvault run -- "${args[@]}" || code=$?
else
  newman-keyvault run || code=$?
fi

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  {
    echo "exit-code=$code"
    echo "reports-dir=$reports_dir"
  } >>"$GITHUB_OUTPUT"
fi
exit "$code"
