# shellcheck shell=bash
# shellcheck disable=SC2154 # lib.sh's names (image, scratch, run_flags...): the driver sources it first
# Step smoke-version: in the built image, `newman-keyvault --version`, the bundled demo's dry run,
# the help that the CMD prints once the node base image's ENTRYPOINT is reset, and the node tag's
# Node.js; then the time from `podman run` to the tool's first line.
step_smoke_version() {
  need_image
  smoke_version_and_dry_run
  say "from podman run to the tool's first line (median of 5): --version $(measure_first_line newman-keyvault --version) ms, the demo's dry run $(measure_first_line newman-keyvault run --dry-run -c /opt/newman-keyvault/demo/collection.json -e /opt/newman-keyvault/demo/environment.json --key-vault demo-vault --secrets-file /opt/newman-keyvault/demo/demo.secrets) ms"
}

smoke_version_and_dry_run() {
  check "newman-keyvault --version in the image" \
    bash -c "podman run --rm ${run_flags[*]} --network none $image newman-keyvault --version >$scratch/version.out"
  check "--version prints the version" grep -qE '^newman-keyvault [0-9]' "$scratch/version.out"
  local demo=/opt/newman-keyvault/demo variable
  check "the bundled demo's dry run passes in the image" \
    podman run --rm "${run_flags[@]}" --network none "$image" newman-keyvault run --dry-run \
    -c "$demo/collection.json" -e "$demo/environment.json" --key-vault demo-vault \
    --secrets-file "$demo/demo.secrets" >"$scratch/dry.out" 2>"$scratch/dry.err"
  for variable in db_password client_secret vault:api_token vault:demo-api-key; do
    check "the dry run's plan names $variable" contains "$scratch/dry.out" "$variable"
  done
  check "the dry run finds every reference readable" contains "$scratch/dry.out" "4 variables from 4 secrets"
  check "the dry run prints no demo secret" lacks "$scratch/dry.out" "p@ss word"
  check "the node base image's ENTRYPOINT is reset (the CMD prints the help)" \
    bash -c "podman run --rm ${run_flags[*]} --network none $image | grep -q 'newman-keyvault'"
  local node_tag
  node_tag=$(pinned_froms | sed -n 's/^node:\([0-9.]*\)-.*/\1/p' | head -n 1)
  check "the image's Node.js is the node tag's, v$node_tag" \
    bash -c "podman run --rm ${run_flags[*]} --network none $image node --version | grep -qx 'v$node_tag'"
}

# The time from `podman run` to the tool's first line, median of 5.
measure_first_line() {
  local times=() t0 t1
  for _ in 1 2 3 4 5; do
    t0=$(date +%s%N)
    t1=$({ podman run --rm "${run_flags[@]}" --network none "$image" "$@" 2>&1 || true; } \
      | { IFS= read -r _ && date +%s%N; cat >/dev/null; })
    [[ -n $t1 ]] || fail "podman run $image $* printed nothing"
    times+=($(((t1 - t0) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
