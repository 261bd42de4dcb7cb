# shellcheck shell=bash
# shellcheck disable=SC2154 # lib.sh's names (image, scratch, run_flags...): the driver sources it first
# Step smoke-azure-pipelines: an Azure Pipelines style container job (a long-running command,
# steps through `podman exec` as a non-root user). Its container keeps running for the
# smoke-temp-dirs step, which looks at what the step left.
#
# An Azure Pipelines container job: the agent starts the container with its own long-running
# command (its own Node.js, mounted from the agent's externals), adds a user matching its own uid
# as root with `docker exec`, then runs each step with `docker exec` as that user, with a PATH of
# its own and its work and temp directories mounted.
step_smoke_azure_pipelines() {
  need_image
  need_echo_server
  local azp=$scratch/azp uid=1001 line
  mkdir -p "$azp/work/1/s" "$azp/work/_temp"
  cp test-fixtures/demo/collection.json test-fixtures/demo/environment.json "$azp/work/1/s/"
  write_canary_secrets "$azp/work/1/s/canary.secrets"
  chown -R "$uid:$uid" "$azp/work"
  : >"$scratch/echo.log"
  podman run -d --name "$azp_container" "${run_flags[@]}" --network host \
    -v "$azp/work:/__w" -v "$(readlink -f "$(command -v node)"):/__a/externals/node20/bin/node:ro" \
    --entrypoint '' "$image" /__a/externals/node20/bin/node -e 'setInterval(function(){}, 24 * 60 * 60 * 1000);' \
    >/dev/null || fail "the Azure Pipelines style container did not start"
  check "the container keeps running the agent's command" \
    bash -c "sleep 1; podman inspect --format '{{.State.Running}}' $azp_container | grep -qx true"
  check "bash, node, groupadd, useradd, usermod, java and newman-keyvault are in the image" \
    podman exec "$azp_container" bash -c 'command -v bash node groupadd useradd usermod java newman-keyvault >/dev/null'
  check "the image's Node.js and the tool run" \
    bash -c "podman exec $azp_container bash -c 'node --version && newman-keyvault --version' >/dev/null"
  check "the agent's Node.js runs in the container" \
    bash -c "podman exec $azp_container /__a/externals/node20/bin/node --version >/dev/null"
  check "root can add the agent's user" podman exec "$azp_container" bash -c \
    "groupadd --gid $uid azure_pipelines_docker && useradd -m -u $uid -g $uid vsts_azpcontainer"
  local code=0
  podman exec -u "$uid" -w /__w/1/s -e TF_BUILD=True -e AGENT_TEMPDIRECTORY=/__w/_temp \
    -e PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$azp_container" \
    bash -c "newman-keyvault run -c collection.json -e environment.json --key-vault demo-vault \
      --secrets-file canary.secrets --reports-dir reports -- \
      --env-var baseUrl=http://127.0.0.1:$echo_port --reporters cli,junit" \
    >"$azp/stdout" 2>"$azp/stderr" || code=$?
  check "a step as the agent's user exits 0 (it exited $code; stderr: $(head -c 600 "$azp/stderr"))" test "$code" = 0
  check "Newman ran the four requests" test "$(wc -l <"$scratch/echo.log")" = 4
  for line in "${canary_lines[@]}"; do
    # Logging commands escape % as %AZP25.
    check "##vso[task.setsecret] registers every secret line" contains "$azp/stdout" "##vso[task.setsecret]${line//%/%AZP25}"
  done
  local xml
  xml=$(find "$azp/work/1/s/reports" -name '*.xml' -print -quit)
  check "the JUnit report is written" test -n "$xml"
  check "the JUnit report belongs to the agent's user" test "$(stat -c %u "$xml")" = "$uid"
  check "the JUnit report is well-formed XML" is_xml "$xml"
  check "no canary in the step's output or reports" \
    no_canary_in "##vso[task.setsecret]" "$azp/stdout" "$azp/stderr" "$azp/work/1/s/reports"
  # The job summary stays in the agent's temp directory: the agent uploads it after the step.
  local summary
  summary=$(sed -n 's|^##vso\[task.uploadsummary\]/__w/_temp/|_temp/|p' "$azp/stdout")
  check "the step announces its job summary" test -n "$summary" -a -f "$azp/work/$summary"
  check "the job summary says the run passed" contains "$azp/work/$summary" "passed"
  check "no canary in the job summary" no_canary_in "##vso[task.setsecret]" "$azp/work/$summary"
}
