package io.newmankeyvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} on Postman v12 files: a v3 collection folder's findings name their YAML file and
 * the line of the value (inside a script or a body block too), an environment YAML is audited like
 * its JSON, secure variables are never findings, a baseline written on the v2.1 collection still
 * holds after the migration, and bad YAML is one line with its line number, never its content.
 */
class AuditV3Test {
  private static final Path PROJECT =
      Path.of(System.getProperty("nkv.projectDir", ".")).toAbsolutePath();
  private static final Path FIXTURES = PROJECT.resolve("test-fixtures").resolve("audit");
  private static final Path V3 = FIXTURES.resolve("v3").resolve("postman");

  @TempDir Path dir;
  private final Cli cli = new Cli();

  /** A v3 folder written by hand: each credential on a line of its own, known below. */
  private Path folder() throws IOException {
    Path folder = dir.resolve("postman/collections/Hand made");
    write(
        folder.resolve(".resources/definition.yaml"),
        """
        $kind: collection
        id: 0f0e0d0c-0b0a-4909-8807-060504030201
        name: Hand made
        variables:
          - key: api_token
            value: ""
            secret: true
            source:
              provider: postman
              postman:
                type: local
                secretId: s-1
          - key: plain
            value: hello
        """);
    write(folder.resolve("Admin/.resources/definition.yaml"), "$kind: collection\norder: 1000\n");
    write(
        folder.resolve("Admin/Log in.request.yaml"),
        """
        $kind: http-request
        url: https://api.example.com/login
        method: POST
        headers:
          Content-Type: application/json
          X-Api-Key: Zq8Rt2Lm5Xv9Pw3Kd7Hn4Fj6
        queryParams:
          - key: verbose
            value: "true"
          - key: access_token
            value: Hx4Nc8Vb2Mk6Lp9Gt3Wr7Dz
        body:
          type: json
          content: |-
            {
              "user": "robot",
              "password": "Correct-Horse-Battery-77"
            }
        scripts:
          - type: afterResponse
            code: |-
              pm.test('ok', () => pm.response.to.have.status(200));
              // left over
              const key = 'sk_live_Rk82JdQxLm3Vt9ZpWc4Hn7Ys';
            language: text/javascript
        order: 1000
        """);
    return folder;
  }

  @Test
  void eachFindingNamesItsYamlFileAndTheLineOfItsValue() throws IOException {
    Path folder = folder();
    Cli.Result result = cli.run("audit", "-c", folder.toString(), "--output", "json");

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    List<String> found =
        findings(result, f -> " @ " + f.get("file").asText() + ":" + f.get("line").asInt());
    // The secure variable api_token holds no value: no finding, nor for the plain one.
    assertThat(found)
        .containsExactlyInAnyOrder(
            "NKV-HEADER @ Admin / Log in › request.header[X-Api-Key] @ Admin/Log in.request.yaml:6",
            "NKV-QUERY-PARAM @ Admin / Log in › request.url.query[access_token]"
                + " @ Admin/Log in.request.yaml:11",
            "NKV-BODY-FIELD @ Admin / Log in › request.body.raw[password]"
                + " @ Admin/Log in.request.yaml:17",
            "NKV-TOKEN-STRIPE @ Admin / Log in › event[test].script @ Admin/Log in.request.yaml:24");
    assertThat(result.stdout()).doesNotContain("Correct-Horse").doesNotContain("sk_live_4eC");
  }

  @Test
  void sarifAndTheTableNameTheYamlFile() throws IOException {
    Path folder = folder();
    Cli.Result sarif = cli.run("audit", "-c", folder.toString(), "--output", "sarif");
    JsonNode results = json(sarif.stdout()).get("runs").get(0).get("results");
    List<String> places = new ArrayList<>();
    for (JsonNode result : results) {
      JsonNode physical = result.get("locations").get(0).get("physicalLocation");
      places.add(
          physical.get("artifactLocation").get("uri").asText()
              + "#"
              + physical.get("region").get("startLine").asInt());
    }
    String base = Audit.relativeUri(folder).replaceFirst("/$", ""); // a folder's file URI ends in /
    assertThat(base).endsWith("collections/Hand%20made");
    assertThat(places)
        .contains(
            base + "/Admin/Log%20in.request.yaml#6", base + "/Admin/Log%20in.request.yaml#24");

    Cli.Result table = cli.run("audit", "-c", folder.toString());
    assertThat(table.stdout())
        .contains("FILE:LINE")
        .contains("Admin/Log in.request.yaml:17")
        .contains("(Hand made)");
  }

  @Test
  void aBaselineWrittenOnTheJsonCollectionHoldsForTheMigratedFolder() {
    Path baseline = dir.resolve("baseline.json");
    Cli.Result written =
        cli.run(
            "audit",
            "-c",
            FIXTURES.resolve("leaky.postman_collection.json").toString(),
            "--write-baseline",
            baseline.toString());
    assertThat(written.exitCode()).as(written.stderr()).isZero();

    Cli.Result after =
        cli.run(
            "audit",
            "-c",
            V3.resolve("collections/leaky").toString(),
            "--baseline",
            baseline.toString(),
            "--output",
            "json");

    // Only what the migration changed is new: signing_key lost its "type": "secret".
    List<String> left = findings(after);
    assertThat(left).containsExactly("NKV-ENTROPY @ collection › variable[signing_key]");
    assertThat(after.exitCode()).isZero(); // a low finding fails no --fail-on high
  }

  @Test
  void anEnvironmentYamlIsAuditedLikeItsJson() throws IOException {
    Path file = dir.resolve("staging.environment.yaml");
    write(
        file,
        """
        name: staging
        values:
          - key: baseUrl
            value: https://api.example.com
            enabled: true
          - key: db_password
            value: Correct-Horse-Battery-77
            enabled: false
          - key: signing
            value: Zq8Rt2Lm5Xv9Pw3Kd7Hn4Fj6
            enabled: true
            secret: true
          - key: api_token
            value: ""
            enabled: true
            secret: true
            source:
              provider: postman
              postman:
                type: cloud
                secretId: s-2
                vaultId: v-1
        """);
    Cli.Result result = cli.run("audit", "-e", file.toString(), "--output", "json");

    List<String> found =
        findings(
            result,
            f -> {
              assertThat(f.has("file")).isFalse(); // the file given is the document
              return " @ " + f.get("line").asInt();
            });
    assertThat(found)
        .containsExactlyInAnyOrder(
            "NKV-VAR-NAME @ environment staging › values[db_password] @ 6",
            "NKV-VAR-SECRET @ environment staging › values[signing] @ 9");
    assertThat(result.stdout()).doesNotContain("Correct-Horse").doesNotContain("Zq8Rt2");
  }

  @Test
  void theMigratedLeakyEnvironmentHasTheFindingsTheCliKept() {
    Cli.Result result =
        cli.run(
            "audit",
            "-e",
            V3.resolve("environments/leaky.environment.yaml").toString(),
            "--output",
            "json");
    List<String> found = findings(result);
    // As the JSON's, but for admin_pin: the CLI writes no variable secret, and admin_pin names
    // nothing secret (legacy_password is then judged by its name).
    assertThat(found)
        .containsExactlyInAnyOrder(
            "NKV-TOKEN-AZURE-SAS @ environment leaky › values[blob_url]",
            "NKV-TOKEN-CONNECTION-STRING @ environment leaky › values[db_connection]",
            "NKV-VAR-NAME @ environment leaky › values[db_password]",
            "NKV-VAR-NAME @ environment leaky › values[disabled_token]",
            "NKV-VAR-NAME @ environment leaky › values[legacy_password]",
            "NKV-ENTROPY @ environment leaky › values[session_seed]");
  }

  @Test
  void badYamlIsOneLineWithItsLineAndNeverItsContent() throws IOException {
    Path folder = folder();
    Path broken = folder.resolve("Admin/Broken.request.yaml");
    write(broken, "$kind: http-request\nurl: \"https://h/?k=CANARY-yaml-7c1d\nheaders: [\n");
    Path environment = dir.resolve("broken.environment.yaml");
    write(environment, "name: x\nvalues:\n  - key: a\n    value: 'CANARY-yaml-7c1d\n");

    Cli.Result result =
        cli.run(
            "audit",
            "-c",
            folder.toString(),
            "-e",
            environment.toString(),
            "-e",
            FIXTURES.resolve("clean.postman_environment.json").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr().lines().toList())
        .containsExactly(
            "error: collection file "
                + broken
                + " is not valid YAML (line 2): check the file, or export it again from Postman",
            "error: environment file "
                + environment
                + " is not valid YAML (line 4): check the file, or export it again from Postman");
    assertThat(result.stdout() + result.stderr()).doesNotContain("CANARY");
    assertThat(result.stdout()).contains("found in 1 document"); // the readable one is audited
  }

  /** Each finding of a JSON report as {@code RULE @ LOCATION}. */
  private static List<String> findings(Cli.Result result) {
    return findings(result, finding -> "");
  }

  /**
   * Each finding of a JSON report as {@code RULE @ LOCATION}, then what {@code more} says of it.
   */
  private static List<String> findings(Cli.Result result, Function<JsonNode, String> more) {
    List<String> found = new ArrayList<>();
    for (JsonNode finding : json(result.stdout()).get("findings")) {
      found.add(
          finding.get("ruleId").asText()
              + " @ "
              + finding.get("location").asText()
              + more.apply(finding));
    }
    return found;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
