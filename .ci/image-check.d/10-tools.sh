# shellcheck shell=bash
# shellcheck disable=SC2154 # lib.sh's names (image, scratch, run_flags...): the driver sources it first
# Step tools: Debian's buildah, podman, runc and mmdebstrap, installed with apt-get when missing.
# Every failure is loud: a tool that cannot be installed fails the script, and with it .ci/run.
# The driver runs this step first whatever steps it is asked for.
step_tools() {
  local missing=() tool t0=
  for tool in buildah podman runc mmdebstrap; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    say "installing ${missing[*]} with apt-get"
    t0=$SECONDS
    command -v apt-get >/dev/null || fail "no apt-get to install ${missing[*]} with"
    [[ $(id -u) == 0 ]] || fail "installing ${missing[*]} needs root"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
      || fail "apt-get update failed; ${missing[*]} cannot be installed"
    # debian-archive-keyring: mmdebstrap needs it to fetch Debian from another distribution.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q buildah podman runc mmdebstrap debian-archive-keyring >/dev/null \
      || fail "apt-get install buildah podman runc mmdebstrap failed"
  fi
  for tool in buildah podman runc mmdebstrap; do
    command -v "$tool" >/dev/null || fail "$tool is still missing after apt-get install"
  done
  [[ -z $t0 ]] || say "installed in $(elapsed "$t0")"
}
