# shellcheck shell=bash
# shellcheck disable=SC2154 # lib.sh's names (image, scratch, run_flags...): the driver sources it first
# Step smoke-postman-cli: the Postman CLI on first use, through the action.
#
# A Postman v12 collection folder through the action: `auto` picks the Postman CLI, which the
# image's `postman` installs from the npm registry on first use (docs/docker.md, "The Postman CLI")
# into the job's home, and a second run finds there.
step_smoke_postman_cli() {
  need_image
  need_echo_server
  local gh=$scratch/github-v3 code=0 t0=$SECONDS run
  mkdir -p "$gh/workspace" "$gh/file_commands" "$gh/home"
  cp -r test-fixtures/v3/demo/postman "$gh/workspace/"
  write_canary_secrets "$gh/workspace/canary.secrets"
  : >"$gh/file_commands/set_output_1"
  : >"$scratch/echo.log"
  node .ci/action-env.mjs action.yml "$(printf '{"collection":"postman/collections/demo","environment":"postman/environments/demo.environment.yaml","newman-args":"--env-var baseUrl=http://127.0.0.1:%s"}' "$echo_port")" \
    >"$gh/action.env" || fail "cannot read the action's environment from action.yml"
  printf '%s\n' GITHUB_ACTIONS=true HOME=/github/home GITHUB_OUTPUT=/github/file_commands/set_output_1 \
    NKV_SECRETS_FILE=canary.secrets >>"$gh/action.env"
  for run in first second; do
    podman run --rm "${run_flags[@]}" --network host -v "$gh/workspace:/github/workspace" \
      -v "$gh/file_commands:/github/file_commands" -v "$gh/home:/github/home" -w /github/workspace \
      --env-file "$gh/action.env" --entrypoint /opt/newman-keyvault/entrypoint.sh "$image" \
      >"$gh/stdout-$run" 2>"$gh/stderr-$run" || code=$?
    say "the action's $run run of the v3 demo with the Postman CLI took $((SECONDS - t0)) s"
    t0=$SECONDS
    check "the v3 demo passes with the Postman CLI ($run run; exit $code; stderr: $(tail -c 600 "$gh/stderr-$run"))" test "$code" = 0
  done
  check "the first run installed the Postman CLI" contains "$gh/stderr-first" "postman: installing the Postman CLI"
  check "the second run found it installed" lacks "$gh/stderr-second" "postman: installing"
  check "the Postman CLI sent the four requests twice" test "$(wc -l <"$scratch/echo.log")" = 8
  check "the Postman CLI's output is redacted" contains "$gh/stdout-first" "api_key=***"
  check "no canary in the Postman CLI runs' output or outputs" \
    no_canary_in "::add-mask::" "$gh/stdout-first" "$gh/stderr-first" "$gh/stdout-second" "$gh/stderr-second" "$gh/file_commands"
}
