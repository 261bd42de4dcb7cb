# shellcheck shell=bash
# shellcheck disable=SC2034 # names the steps use
# What every step of .ci/image-check shares, sourced once by the driver (which has set -euo
# pipefail and cd'd to the repository root): names, the work directory and its cleanup trap,
# say/fail/elapsed, the Dockerfile's pinned FROM lines, podman run's flags, the check counter and
# its predicates, the canary secrets, the echo server, and what a step needs before it runs.
repo=$PWD

# NKV_IMAGE_CHECK_ID names this run's image and containers (default: check), so that worktrees
# sharing podman's storage can run the check at the same time.
run_id=${NKV_IMAGE_CHECK_ID:-check}
[[ $run_id =~ ^[a-z0-9][a-z0-9_.-]*$ ]] || { echo "image-check: NKV_IMAGE_CHECK_ID must be a lower-case tag" >&2; exit 2; }
image=localhost/newman-keyvault:$run_id
base_image=localhost/nkv-standin-base:bookworm
# The containers the steps make (the cleanup trap removes them, whatever happened).
action_container=nkv-$run_id-action
azp_container=nkv-$run_id-azp
java_container=nkv-$run_id-java
started=$SECONDS

say() { printf 'image-check: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
elapsed() { echo "$((SECONDS - $1))s"; }

scratch=$(mktemp -d /tmp/nkv-image-check.XXXXXX)
cleanup() {
  local code=$?
  [[ -n "${echo_pid:-}" ]] && kill "$echo_pid" 2>/dev/null
  podman rm --force --ignore -t 0 "$action_container" "$azp_container" "$java_container" >/dev/null 2>&1 || true
  if [[ -n ${NKV_IMAGE_CHECK_KEEP:-} ]]; then say "kept $scratch"; else rm -rf "$scratch"; fi
  exit "$code"
}
trap cleanup EXIT

# --- what the Dockerfile's FROM lines name --------------------------------------------------------
# Every "FROM name:tag@sha256:digest" that is not an earlier stage, once each.
pinned_froms() {
  sed -nE 's/^FROM[[:space:]]+(--platform=[^[:space:]]+[[:space:]]+)?([^[:space:]]+@sha256:[0-9a-f]{64}).*/\2/p' Dockerfile \
    | awk '!seen[$0]++'
}
# The stand-in image for a pinned FROM (the standins step makes it, the build step maps it).
standin_of() { echo "docker.io/library/${1%@sha256:*}"; }

# --- what a step needs ------------------------------------------------------------------------------
need_image() {
  podman image exists "$image" \
    || fail "$image is not in podman's storage: build it first (bash .ci/image-check standins build, or the whole check)"
}
need_container() { # need_container NAME STEP: a container an earlier step of this run left
  podman container exists "$1" \
    || fail "no container $1: it is made by the $2 step in the same run (bash .ci/image-check $2 ${current_step:-})"
}

# --- smoke checks -----------------------------------------------------------------------------------
# podman run as this machine allows it: runc (crun fails on its cgroups) and explicit ulimits.
run_flags=(--runtime runc --ulimit nofile=20000:20000 --ulimit nproc=32768:32768)
checks=0
check() { # check DESCRIPTION COMMAND...: runs the command, fails the script with DESCRIPTION if it fails
  local what=$1
  shift
  "$@" || fail "$what"
  checks=$((checks + 1))
}
contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }
fails() { ! "$@" 2>/dev/null; }
is_xml() { python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$1"; }
is_json() { python3 -c 'import sys, json; json.load(open(sys.argv[1]))' "$1"; }

# Canary secrets: a random core that cannot occur by chance, characters that JSON, HTML and URLs
# escape, and a multi-line value. A secrets file stands in for Key Vault, as in the project's CI.
rand=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
canary_lines=("CANARY-$rand-apikey-END" "CANARY-$rand-pass \"q\" &<b>/%-END" "CANARY-$rand-token-END"
  "CANARY-$rand-line1-END" "CANARY-$rand-line2-END")
write_canary_secrets() {
  {
    echo "demo-api-key=${canary_lines[0]}"
    echo "db-password=\"CANARY-$rand-pass \\\"q\\\" &<b>/%-END\""
    echo "api-token=${canary_lines[2]}"
    # shellcheck disable=SC2028 # the secrets file's own \n escape, written as is
    echo "client-secret=\"${canary_lines[3]}\\n${canary_lines[4]}\""
  } >"$1"
}
# Fails when a canary, in clear or base64, is in any file under the given paths; lines with the
# CI's masking command (the one place a value may be printed) are skipped.
no_canary_in() {
  local prefix=$1 path file form line
  shift
  local forms=("$rand")
  for line in "${canary_lines[@]}"; do forms+=("$(printf '%s' "$line" | base64 -w0)"); done
  for path in "$@"; do
    while IFS= read -r -d '' file; do
      grep -v -F -- "$prefix" "$file" >"$scratch/searched" || true
      for form in "${forms[@]}"; do
        # A file, not a pipe into grep -q: with pipefail, grep -q's early exit would hide a match.
        if grep -qF -- "$form" "$scratch/searched"; then
          say "a canary secret is in $file"
          return 1
        fi
      done
    done < <(find "$path" -type f -print0)
  done
}

# An echo API on the host (the containers share its network), logging what it receives to
# $scratch/echo.log; started once, by the first step that needs it.
need_echo_server() {
  [[ -n ${echo_port:-} ]] && return
  local port_file=$scratch/echo.port
  ECHO_LOG=$scratch/echo.log node test-fixtures/demo/echo-server.js >"$port_file" &
  echo_pid=$!
  for _ in $(seq 50); do [[ -s $port_file ]] && break; sleep 0.1; done
  echo_port=$(head -n 1 "$port_file")
  [[ $echo_port =~ ^[0-9]+$ ]] || fail "the echo server did not start"
}
