# shellcheck shell=bash
# shellcheck disable=SC2154 # lib.sh's names (image, scratch, run_flags...): the driver sources it first
# Step smoke-temp-dirs: nothing of a run left in the containers' temp directories (`podman diff`
# of the action's container, stopped, and of the Azure Pipelines job's, still running), and a
# planted file found, so that the check can fail. It looks at the containers the smoke-action and
# smoke-azure-pipelines steps left in this run, and removes them.

# Files and directories the container added under its temp directories (`podman diff` lines
# "A /path"; "C" marks a directory whose contents changed).
temp_leftovers() {
  podman diff "$1" >"$scratch/diff" || fail "podman diff $1 failed"
  sed -n 's/^A //p' "$scratch/diff" | grep -E "^(/tmp|/var/tmp|$2)/." || true
}

step_smoke_temp_dirs() {
  need_container "$action_container" smoke-action
  need_container "$azp_container" smoke-azure-pipelines
  local leftovers azp=$scratch/azp summary
  # The action's run, with RUNNER_TEMP as the runner's own (unmounted) path.
  leftovers=$(temp_leftovers "$action_container" /home/runner/work/_temp)
  check "nothing of the run is left in the container's temp directories: $leftovers" test -z "$leftovers"
  podman rm "$action_container" >/dev/null
  # The Azure Pipelines step: its job summary stays in the agent's temp directory (the agent
  # uploads it after the step); nothing else may.
  summary=$(sed -n 's|^##vso\[task.uploadsummary\]/__w/_temp/|_temp/|p' "$azp/stdout")
  leftovers=$(temp_leftovers "$azp_container" /__w/_temp; find "$azp/work/_temp" -mindepth 1 ! -path "$azp/work/$summary")
  check "nothing else of the step is left in temp directories: $leftovers" test -z "$leftovers"
  podman exec "$azp_container" touch /tmp/nkv-control
  check "the leftover check finds a file left in /tmp" test "$(temp_leftovers "$azp_container" /__w/_temp)" = /tmp/nkv-control
  podman rm -f -t 0 "$azp_container" >/dev/null
}
