# shellcheck shell=bash
# shellcheck disable=SC2154 # lib.sh's names (image, scratch, run_flags...): the driver sources it first
# Step its-on-image-java: the end-to-end tests (`*IT`) again, on the Java runtime copied out of
# the image, so that a module the jlinked runtime lacks fails here. Needs the build's
# target/test-classes and target/newman-keyvault.jar (./mvnw verify).
step_its_on_image_java() {
  need_image
  [[ -d target/test-classes && -f target/newman-keyvault.jar ]] \
    || fail "run ./mvnw verify first: the end-to-end tests need target/test-classes and the jar"
  local java=$repo/target/image-java t0=$SECONDS
  rm -rf "$java"
  podman create --name "$java_container" "$image" >/dev/null
  podman cp "$java_container:/opt/java/openjdk" "$java" || fail "cannot copy the Java runtime out of the image"
  podman rm "$java_container" >/dev/null
  "$java/bin/java" --list-modules >"$scratch/modules" || fail "the image's Java runtime does not run here"
  say "the image's Java runtime has: $(sed 's/@.*//' "$scratch/modules" | tr '\n' ' ')"
  # Every end-to-end test but the Postman CLI's parity and shard runs, which test the CLI itself
  # (PostmanCliEndToEndIT and the leak tests still run it through the tool on this Java).
  ./mvnw -B -ntp -q --offline failsafe:integration-test failsafe:verify -Dnkv.java="$java/bin/java" \
    -Dit.test='*IT,!PostmanCliParityIT,!V3ShardPostmanCliIT' \
    || fail "the end-to-end tests failed on the image's Java runtime"
  checks=$((checks + 1))
  say "the end-to-end tests passed on the image's Java runtime in $(elapsed "$t0")"
}
