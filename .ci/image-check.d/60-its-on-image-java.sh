# shellcheck shell=bash
# shellcheck disable=SC2154 # lib.sh's names (image, scratch, run_flags...): the driver sources it first
# Step its-on-image-java: end-to-end tests again, on the Java runtime copied out of the image, so
# that a module the jlinked runtime lacks (the Dockerfile's `jlink --add-modules` list) fails here.
# Needs the build's target/test-classes and target/newman-keyvault.jar (./mvnw verify, or
# ./mvnw package -DskipTests). The tests start the jar with the java -Dnkv.java names (TestJava);
# only those whose result depends on that runtime run again. The others pass on the JDK in
# ./mvnw verify and would test nothing more here:
# - KeyVaultEndToEndIT calls the SDK inside the test JVM, DocsRunnableIT runs the `java` on PATH:
#   neither starts the image's Java;
# - Newman's, the Postman CLI's and the tool's own logic (parity, redaction and leaks, dry run,
#   shards, exit codes, the audit, v12 variables, the vault scope): NewmanParityIT, Leak*IT,
#   PostmanCli*IT, V3ShardPostmanCliIT, PostmanV12EndToEndIT, VaultScopeEndToEndIT,
#   ScriptOutputRedactionIT, DryRunEndToEndIT, ShardEndToEndIT, ExitCodesEndToEndIT,
#   AuditLargeCollectionIT, FetchEndToEndIT (its Postman API client is in LargeCollectionIT,
#   EarlyStartEndToEndIT and ProxyEndToEndIT), and the option checks of the classes below;
# - the Action's entrypoint and launcher in the image: the smoke-action step runs them.
# ImageJavaTestsTest checks that every class and method named here exists.
image_java_its=(
  # TLS, the Azure SDK and MSAL: sign-in (managed identity, the Azure CLI, a service connection's
  # OIDC token) and Key Vault reads, a private CA (--ca-file), client certificates (a PKCS#12 from
  # Key Vault, a PEM from the secrets file).
  KeyVaultAuthIT ServiceConnectionEndToEndIT CaFileEndToEndIT
  'ClientCertEndToEndIT#aKeyVaultCertificateIsSentToTheMatchingHostOnEveryRequestAndLeavesNoTrace+aPemCertificateFromTheSecretsFileAndTheDryRunShowsSubjectAndExpiry'
  # Proxies: every connection through a CONNECT proxy with Basic credentials (the JDK HttpClient,
  # the SDK, the Postman API); the JDK HttpClient's streamed download into a 48 MB heap.
  ProxyEndToEndIT LargeCollectionIT
  # The JVM's signal and shutdown handling: SIGTERM and SIGINT mid-run and before the hand-over.
  SigtermEndToEndIT EarlyStartEndToEndIT
  # Real Newman end to end (every kind of secret reference received byte for byte), and the
  # launcher on this runtime (CDS on Java 19+) signing in through GitHub's OIDC token.
  RunEndToEndIT
  'EntrypointIT#realRunAgainstTheDemoPassesAndWritesItsReportIntoTheReportsDir+keyVaultThroughGitHubOidcWithTheInputsTheRunnerSets'
)

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
  ./mvnw -B -ntp -q --offline failsafe:integration-test failsafe:verify -Dnkv.java="$java/bin/java" \
    -Dit.test="$(IFS=,; echo "${image_java_its[*]}")" \
    || fail "the end-to-end tests failed on the image's Java runtime"
  checks=$((checks + 1))
  say "the end-to-end tests that depend on the Java runtime passed on the image's in $(elapsed "$t0")"
}
