# shellcheck shell=bash
# shellcheck disable=SC2154 # lib.sh's names (image, scratch, run_flags...): the driver sources it first
# Step build: builds the real Dockerfile on this machine, without Docker and without any image
# registry, with buildah. The FROM lines are pinned by digest, which no local image can satisfy:
# each is mapped to its stand-in (the standins step) with --build-context, and nothing else of the
# Dockerfile differs. The result is localhost/newman-keyvault:check (NKV_IMAGE_CHECK_ID names
# another tag) in podman's default storage, where the build layers are cached, so a second run
# builds only what changed.
step_build() {
  local contexts=() froms=() from standin
  mapfile -t froms < <(pinned_froms)
  for from in "${froms[@]}"; do
    standin=$(standin_of "$from")
    podman image exists "$standin" \
      || fail "no stand-in $standin: make the stand-ins first (bash .ci/image-check standins build)"
    contexts+=(--build-context "$from=container-image://$standin")
  done
  ((${#contexts[@]})) || fail "no FROM pinned by digest in the Dockerfile"

  local t0=$SECONDS
  buildah bud --isolation chroot --pull=never --layers "${contexts[@]}" \
    --build-arg REVISION="$(git rev-parse HEAD 2>/dev/null || echo unknown)" \
    -t "$image" -f Dockerfile . >"$scratch/build.log" 2>&1 || {
    tail -n 60 "$scratch/build.log" >&2
    fail "buildah bud of the Dockerfile failed (last lines above)"
  }
  say "image built in $(elapsed "$t0")"
  podman image exists "$image" || fail "$image is not in podman's storage after the build"
}
