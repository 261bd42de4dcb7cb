# shellcheck shell=bash
# shellcheck disable=SC2154 # lib.sh's names (image, scratch, run_flags...): the driver sources it first
# Step smoke-action: the GitHub Action's entrypoint, with canary secrets searched for in every
# output. Its container stays, stopped, for the smoke-temp-dirs step, which looks at what it left.
#
# The Action as GitHub runs it: `docker run --entrypoint` with the workspace at /github/workspace
# as the working directory, the file-command files under /github/file_commands, HOME=/github/home,
# RUNNER_TEMP as the runner's own path (which is not mounted in the container), every input as
# INPUT_* and as runs.env maps it, and the step's env (the secrets file). A real Newman run of
# the demo against the echo server, with every reporter.
step_smoke_action() {
  need_image
  need_echo_server
  local gh=$scratch/github line expected
  mkdir -p "$gh/workspace" "$gh/file_commands" "$gh/home" "$gh/workflow"
  cp test-fixtures/demo/collection.json test-fixtures/demo/environment.json "$gh/workspace/"
  write_canary_secrets "$gh/workspace/canary.secrets"
  : >"$gh/file_commands/set_output_1"
  : >"$gh/file_commands/step_summary_1"
  local inputs
  inputs=$(printf '{"collection":"collection.json","environment":"environment.json","key-vault":"demo-vault","newman-args":"--env-var baseUrl=http://127.0.0.1:%s --reporters cli,junit,json,htmlextra"}' "$echo_port")
  node .ci/action-env.mjs action.yml "$inputs" >"$gh/action.env" || fail "cannot read the action's environment from action.yml"
  cat >>"$gh/action.env" <<EOF
GITHUB_ACTIONS=true
CI=true
GITHUB_WORKSPACE=/github/workspace
HOME=/github/home
GITHUB_OUTPUT=/github/file_commands/set_output_1
GITHUB_STEP_SUMMARY=/github/file_commands/step_summary_1
GITHUB_ENV=/github/file_commands/set_env_1
GITHUB_PATH=/github/file_commands/add_path_1
RUNNER_TEMP=/home/runner/work/_temp
RUNNER_OS=Linux
NKV_SECRETS_FILE=canary.secrets
EOF
  local code=0 t0=$SECONDS
  podman run --name "$action_container" "${run_flags[@]}" --network host \
    -v "$gh/workspace:/github/workspace" -v "$gh/file_commands:/github/file_commands" \
    -v "$gh/home:/github/home" -v "$gh/workflow:/github/workflow" -w /github/workspace \
    --env-file "$gh/action.env" --entrypoint /opt/newman-keyvault/entrypoint.sh "$image" \
    >"$gh/stdout" 2>"$gh/stderr" || code=$?
  say "the action's run of the demo took $((SECONDS - t0)) s"
  check "the action exits 0 (it exited $code; stderr: $(head -c 600 "$gh/stderr"))" test "$code" = 0
  check "Newman ran the four requests" test "$(wc -l <"$scratch/echo.log")" = 4
  check "the canary search finds the secrets where they belong: in what the API received" \
    fails no_canary_in "::add-mask::" "$scratch/echo.log"
  for line in "${canary_lines[@]}"; do
    # Workflow commands escape % as %25.
    check "::add-mask:: registers every secret line" contains "$gh/stdout" "::add-mask::${line//%/%25}"
  done
  for expected in exit-code=0 reports-dir=newman-reports requests=4 assertions=4 failures=0; do
    check "\$GITHUB_OUTPUT has $expected" grep -qx -- "$expected" "$gh/file_commands/set_output_1"
  done
  check "the job summary says the run passed" contains "$gh/file_commands/step_summary_1" "passed"
  local reports=$gh/workspace/newman-reports xml json html
  xml=$(find "$reports" -name '*.xml' -print -quit)
  json=$(find "$reports" -name '*.json' -print -quit)
  html=$(find "$reports" -name '*.html' -print -quit)
  check "a JUnit report is in the workspace" test -n "$xml"
  check "the JUnit report is well-formed XML" is_xml "$xml"
  check "the JUnit report has the four tests" test "$(grep -c '<testcase' "$xml")" -ge 4
  check "a JSON report is in the workspace" test -n "$json"
  check "the JSON report is JSON" is_json "$json"
  check "an htmlextra report is in the workspace" test -n "$html"
  check "no canary in stdout, stderr, outputs, summary or reports" \
    no_canary_in "::add-mask::" "$gh/stdout" "$gh/stderr" "$gh/file_commands" "$reports" "$gh/home"
}
