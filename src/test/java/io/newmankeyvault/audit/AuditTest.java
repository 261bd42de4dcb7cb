package io.newmankeyvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.testing.Cli;
import io.newmankeyvault.testing.FakePostmanApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newman-keyvault audit} in-process, on the fixtures of {@code test-fixtures/audit}: every
 * seeded credential found with its rule and location, the clean workspace silent, SARIF valid
 * against the 2.1.0 schema, baselines, the Key Vault comparison, exit codes, and no seeded value
 * (nor a 12-character piece of one) in anything the audit prints or writes.
 */
class AuditTest {
  private static final Path PROJECT =
      Path.of(System.getProperty("nkv.projectDir", ".")).toAbsolutePath();
  private static final Path FIXTURES = PROJECT.resolve("test-fixtures").resolve("audit");
  private static final String LEAKY = FIXTURES.resolve("leaky.postman_collection.json").toString();
  private static final String LEAKY_ENV =
      FIXTURES.resolve("leaky.postman_environment.json").toString();
  private static final String CLEAN = FIXTURES.resolve("clean.postman_collection.json").toString();
  private static final String CLEAN_ENV =
      FIXTURES.resolve("clean.postman_environment.json").toString();
  private static final String KNOWN =
      FIXTURES.resolve("known-secret.postman_collection.json").toString();
  private static final String KNOWN_SECRETS = FIXTURES.resolve("known.secrets").toString();

  /** One seeded credential: the value in the fixture, the rule and location it must be found at. */
  private record Seeded(String value, String ruleId, String location) {}

  private static final List<Seeded> SEEDED =
      List.of(
          seeded(
              "CANARYCYGuR3FJuTY94zp2uvdYjg", "NKV-AUTH-BEARER", "collection › auth.bearer.token"),
          seeded(
              "AKIACANARY0AWS0KEY01",
              "NKV-TOKEN-AWS-ACCESS-KEY",
              "collection › event[prerequest].script"),
          seeded(
              "CANARYawsSecretKey0123456789abcdefXYZ/+Q",
              "NKV-TOKEN-AWS-SECRET-KEY",
              "collection › event[prerequest].script"),
          seeded(
              "CANARYpawCCKnAjHq5vgCoM5qCvB",
              "NKV-VAR-SECRET",
              "collection › variable[signing_key]"),
          seeded(
              "CANARYAVScNuje5oxhWSz23TsU5o",
              "NKV-VAR-NAME",
              "collection › variable[client_secret]"),
          seeded("CANARY-folder-basic-pass-8e4d", "NKV-AUTH-BASIC", "Users › auth.basic.password"),
          seeded(
              "CANARY6g3D6Sb9D2Dp4VMpUQQnSi",
              "NKV-HEADER",
              "Users / Create user › request.header[Authorization]"),
          seeded(
              "CANARYzs8N2cSpSzGr4hsEZ5fQTK",
              "NKV-HEADER",
              "Users / Create user › request.header[X-Api-Key]"),
          seeded(
              "CANARYvGVzmQxtnYJ5hDo2qfGegV",
              "NKV-HEADER",
              "Users / Create user › request.header[Cookie]"),
          seeded(
              "CANARYcHJveHk6cGFzcw==",
              "NKV-HEADER",
              "Users / Create user › request.header[Proxy-Authorization]"),
          seeded(
              "CANARYGT2usRnf8HM3Ynce9diNTP",
              "NKV-QUERY-PARAM",
              "Users / Create user › request.url.query[api_key]"),
          seeded(
              "CANARYuGvq2JmbVhsEejiCVKqs7r",
              "NKV-QUERY-PARAM",
              "Auth / Get token › request.body.urlencoded[client_secret]"),
          seeded(
              "CANARY7AZLyYZRoJiDyoiYcmFzKy",
              "NKV-AUTH-OAUTH2",
              "Auth / OAuth2 › request.auth.oauth2.clientSecret"),
          seeded(
              "CANARYUVr55rkTaTghYvUuoDYbnS",
              "NKV-AUTH-OAUTH1",
              "Auth / OAuth1 › request.auth.oauth1.consumerSecret"),
          seeded(
              "CANARY4tM8tRpPguNEFpZ9K9NgX5",
              "NKV-AUTH-APIKEY",
              "Auth / API key › request.auth.apikey.value"),
          seeded(
              "CANARY-digest-password-aadd",
              "NKV-AUTH-DIGEST",
              "Auth / Digest › request.auth.digest.password"),
          seeded(
              "CANARYDwvhS5zRiVdyL5ktCaNC5k",
              "NKV-AUTH-AWSV4",
              "Auth / AWS › request.auth.awsv4.secretKey"),
          seeded(
              "CANARYATBkrSHS2fZVeVe9XVSsLV",
              "NKV-AUTH-HAWK",
              "Auth / Hawk › request.auth.hawk.authKey"),
          seeded(
              "CANARY-ntlm-password-dd11",
              "NKV-AUTH-NTLM",
              "Auth / NTLM › request.auth.ntlm.password"),
          seeded(
              "CANARY6ThpAqYGE4Z9DFwCw7zaRh",
              "NKV-AUTH-JWT",
              "Auth / JWT › request.auth.jwt.secret"),
          seeded(
              "CANARYcnADxdYMSo35UAboUKdqYk",
              "NKV-AUTH-EDGEGRID",
              "Auth / EdgeGrid › request.auth.edgegrid.clientSecret"),
          seeded(
              "CANARYTyqVq2FuKXi7t8bNX7N9M8",
              "NKV-QUERY-PARAM",
              "Items / List items › request.url?access_token"),
          seeded(
              "AIzaCANARYgoogleApiKeyhazT9XSLxttiqRH6B",
              "NKV-TOKEN-GOOGLE-API-KEY",
              "Items / Geocode › request.url?key"),
          seeded(
              "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJDQU5BUlktand0LXN1YmplY3QiLCJpYXQiOjE3MDAwMDAwMDB9"
                  + ".Q0FOQVJZLWp3dC1zaWduYXR1cmUtYnl0ZXMtMDAwMQ",
              "NKV-TOKEN-JWT",
              "Tokens / JWT in script › event[test].script"),
          seeded(
              "Q0FOQVJZLXBlbS1wcml2YXRlLWtleS1ib2R5LQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJic=",
              "NKV-TOKEN-PRIVATE-KEY",
              "Tokens / PEM in example › response[Key pair].body"),
          seeded(
              "PMAK-ca0a1f14646a329d2f4da0db-c4a7a1f1b1fb0c7367b18286489ba5a38a",
              "NKV-TOKEN-POSTMAN-API-KEY",
              "Tokens / Postman key in body › request.body.raw"),
          seeded(
              "ghp_CANARYgithubTokenADwWBdvReoDuMTQEvt6",
              "NKV-TOKEN-GITHUB",
              "Tokens / GitHub in example › response[OK].header[X-Debug-Token]"),
          seeded(
              "Q0FOQVJZLXN0b3JhZ2UtYWNjb3VudC1rZXktZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoOEhYaHiA==",
              "NKV-TOKEN-AZURE-STORAGE-KEY",
              "Tokens / Storage › event[prerequest].script"),
          seeded(
              "Cna8Q~CANARYentraSecretPY0vaQ3gzUo2r8uZI",
              "NKV-TOKEN-AZURE-AD-SECRET",
              "Tokens / Entra secret › request.body.raw"),
          seeded(
              "xoxb-2847561937-4829561038274-CANARYslackBotMQ9JrH6ND1",
              "NKV-TOKEN-SLACK",
              "Tokens / Slack › event[test].script"),
          seeded(
              "sk_live_CANARYstripefBnkhrIZfu89l0ZL",
              "NKV-TOKEN-STRIPE",
              "Tokens / Stripe › request.header[X-Stripe-Live]"),
          seeded(
              "CANARY-env-secret-type-1e1e",
              "NKV-VAR-SECRET",
              "environment leaky › values[admin_pin]"),
          seeded(
              "CANARYsasSignatureQ7fLm2Xv9TpRw5Hn3Ks%3D",
              "NKV-TOKEN-AZURE-SAS", "environment leaky › values[blob_url]"),
          seeded(
              "CANARY-sql-password-9z9z",
              "NKV-TOKEN-CONNECTION-STRING",
              "environment leaky › values[db_connection]"),
          seeded(
              "CANARY-env-db-password-0f0f",
              "NKV-VAR-NAME",
              "environment leaky › values[db_password]"),
          seeded(
              "CANARYhYBoX6uaTwhH6eVjo2aQVX",
              "NKV-VAR-NAME",
              "environment leaky › values[disabled_token]"),
          seeded(
              "CANARY-legacy-disabled-secret-6d2b",
              "NKV-VAR-SECRET",
              "environment leaky › values[legacy_password]"),
          seeded(
              "CANARYq7Zx9Lm2Pw4Rt6Yv8Bn1Kd3Fh5Js",
              "NKV-ENTROPY",
              "environment leaky › values[session_seed]"));

  /**
   * The value of {{vault:partner-token}} in known.secrets, pasted in clear in known-secret's
   * "Pasted" request.
   */
  private static final String KNOWN_VALUE = "CANARY-known-partner-token-5a5a";

  @TempDir Path dir;
  private final Cli cli = new Cli();

  private static Seeded seeded(String value, String ruleId, String location) {
    return new Seeded(value, ruleId, location);
  }

  @Test
  void everySeededCredentialIsFoundWithItsRuleAndLocation() throws IOException {
    String fixtures = Files.readString(Path.of(LEAKY)) + Files.readString(Path.of(LEAKY_ENV));
    SEEDED.forEach(
        seeded -> assertThat(fixtures).as("seeded in the fixtures").contains(seeded.value()));

    Cli.Result result = cli.run("audit", "-c", LEAKY, "-e", LEAKY_ENV, "--output", "json");

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    List<String> found = new ArrayList<>();
    for (JsonNode finding : json(result.stdout()).get("findings")) {
      found.add(finding.get("ruleId").asText() + " @ " + finding.get("location").asText());
      assertThat(finding.get("fingerprint").asText()).matches("[0-9a-f]{20}");
    }
    assertThat(found)
        .containsExactlyInAnyOrderElementsOf(
            SEEDED.stream().map(s -> s.ruleId() + " @ " + s.location()).toList());
    assertThat(result.stderr()).contains("38 findings (31 high, 6 medium, 1 low) in 2 documents");
  }

  @Test
  void oneMalformedFileAmongManyIsOneLineAndTheOthersAreStillAudited(@TempDir Path dir)
      throws IOException {
    Path broken =
        Files.writeString(
            dir.resolve("broken.json"),
            "{\"info\": {\"name\": \"x\"}, \"item\": [ {\"name\": CANARY-broken-9b1e }");
    Cli.Result result = cli.run("audit", "-c", LEAKY, "-c", broken.toString(), "-e", CLEAN_ENV);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .isEqualTo(
            "error: collection file "
                + broken
                + " is not valid JSON (line 1, column 51): export"
                + " it again from Postman\n")
        .doesNotContain("CANARY");
    // The table: each finding's line, the clean document named, the advice wrapped.
    assertThat(result.stdout())
        .contains("LINE  FINGERPRINT")
        .contains("collection › auth.bearer.token")
        .contains("No finding in:\n  environment ")
        .contains("clean.postman_environment.json (staging)")
        .contains("31 findings");
    assertThat(result.stdout().lines().mapToInt(String::length).max().orElse(0))
        .as("the advice is wrapped; only table rows may be wider")
        .isLessThanOrEqualTo(
            result
                .stdout()
                .lines()
                .filter(line -> line.startsWith("  high") || line.startsWith("  SEVERITY"))
                .mapToInt(String::length)
                .max()
                .orElse(0));
    assertThat(result.stdout().lines().filter(line -> line.startsWith("    (NKV-")))
        .isNotEmpty()
        .allMatch(line -> line.length() <= 100);
  }

  @Test
  void theBundledDemoPassesItsOwnAudit() {
    Path demo = PROJECT.resolve("test-fixtures").resolve("demo");
    assertNoFindingIn(
        2,
        "-c",
        demo.resolve("collection.json").toString(),
        "-e",
        demo.resolve("environment.json").toString());
  }

  @Test
  void aCleanWorkspaceWithReferencesAndLongExamplesHasNoFinding() {
    assertNoFindingIn(2, "-c", CLEAN, "-e", CLEAN_ENV);
  }

  @Test
  void emptySecureVariablesOfPostmanV12AreNoFinding() {
    Path v12 = PROJECT.resolve("test-fixtures").resolve("postman-v12");
    assertNoFindingIn(
        3,
        "-c",
        v12.resolve("collection.json").toString(),
        "-e",
        v12.resolve("environment.json").toString(),
        "-e",
        v12.resolve("globals.json").toString());
  }

  @Test
  void fingerprintsAreStableAcrossRuns() {
    String first = cli.run("audit", "-c", LEAKY, "--output", "json").stdout();
    String second = cli.run("audit", "-c", LEAKY, "--output", "json").stdout();
    assertThat(first).isEqualTo(second);
  }

  @Test
  void sarifIsValidAgainstTheSarif210SchemaAndNamesFilesAndItemPaths() throws Exception {
    Path sarif = dir.resolve("audit.sarif");
    Path cleanSarif = dir.resolve("clean.sarif");
    assertThat(
            cli.run(
                    "audit",
                    "-c",
                    LEAKY,
                    "-e",
                    LEAKY_ENV,
                    "--output",
                    "sarif",
                    "--output-file",
                    sarif.toString())
                .exitCode())
        .isEqualTo(1);
    assertThat(
            cli.run(
                    "audit",
                    "-c",
                    CLEAN,
                    "--output",
                    "sarif",
                    "--output-file",
                    cleanSarif.toString())
                .exitCode())
        .isZero();

    assertThat(validateSarif(sarif, cleanSarif))
        .contains("sarif ok: " + sarif, "sarif ok: " + cleanSarif);

    JsonNode run = json(Files.readString(sarif)).get("runs").get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertThat(driver.get("name").asText()).isEqualTo("newman-keyvault");
    assertThat(driver.get("informationUri").asText()).startsWith("https://");
    assertThat(driver.get("rules")).hasSize(Rule.values().length);
    assertThat(run.get("results")).hasSize(SEEDED.size());
    JsonNode header = null;
    for (JsonNode result : run.get("results")) {
      assertThat(result.get("level").asText()).isIn("error", "warning", "note");
      JsonNode location = result.get("locations").get(0);
      if (location
          .get("logicalLocations")
          .get(0)
          .get("fullyQualifiedName")
          .asText()
          .equals("Users / Create user › request.header[Authorization]")) {
        header = result;
      }
    }
    assertThat(header).isNotNull();
    assertThat(header.get("ruleId").asText()).isEqualTo("NKV-HEADER");
    assertThat(header.get("level").asText()).isEqualTo("error");
    JsonNode physical = header.get("locations").get(0).get("physicalLocation");
    String uri = physical.get("artifactLocation").get("uri").asText();
    assertThat(uri)
        .isIn(
            "test-fixtures/audit/leaky.postman_collection.json", Path.of(LEAKY).toUri().toString());
    int line = physical.get("region").get("startLine").asInt();
    assertThat(Files.readAllLines(Path.of(LEAKY)).get(line - 1)).contains("\"header\"");
    assertThat(header.get("partialFingerprints").get(SarifReport.FINGERPRINT_KEY).asText())
        .matches("[0-9a-f]{20}");
  }

  @Test
  void aBaselineAcceptsKnownFindingsAndOnlyNewLeaksAreReported() throws IOException {
    Path baseline = dir.resolve("baseline.json");
    Cli.Result written =
        cli.run("audit", "-c", LEAKY, "-e", LEAKY_ENV, "--write-baseline", baseline.toString());
    assertThat(written.exitCode()).isZero();
    assertThat(json(Files.readString(baseline)).get("findings")).hasSize(SEEDED.size());

    Cli.Result again =
        cli.run("audit", "-c", LEAKY, "-e", LEAKY_ENV, "--baseline", baseline.toString());
    assertThat(again.exitCode()).isZero();
    assertThat(again.stdout())
        .isEqualTo(
            "no credential in clear found in 2 documents; "
                + SEEDED.size()
                + " known findings suppressed by the baseline\n");

    // The same workspace with one more leak, elsewhere on disk: only that one is new.
    String newLeak = "CANARYn3wL34kQ7fZm2Xv9TpRw5Hn3Ks";
    Path copy = dir.resolve("leaky-copy.json");
    Files.writeString(
        copy,
        Files.readString(Path.of(LEAKY))
            .replace(
                "{\n                \"key\": \"Content-Type\",",
                "{\"key\": \"X-Auth-Token\", \"value\": \""
                    + newLeak
                    + "\"},\n{\n                \"key\": \"Content-Type\","));
    Cli.Result withNew =
        cli.run(
            "audit",
            "-c",
            copy.toString(),
            "-e",
            LEAKY_ENV,
            "--baseline",
            baseline.toString(),
            "--output",
            "json");
    assertThat(withNew.exitCode()).isEqualTo(1);
    JsonNode findings = json(withNew.stdout()).get("findings");
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).get("location").asText())
        .isEqualTo("Users / Create user › request.header[X-Auth-Token]");
    assertThat(json(withNew.stdout()).get("summary").get("suppressed").asInt())
        .isEqualTo(SEEDED.size());
    assertThat(withNew.stdout() + withNew.stderr()).doesNotContain(newLeak);
  }

  @Test
  void aLiteralEqualToAReferencedSecretIsAKnownSecret() throws IOException {
    Cli.Result result =
        cli.run("audit", "-c", KNOWN, "--secrets-file", KNOWN_SECRETS, "--output", "json");

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
    JsonNode findings = json(result.stdout()).get("findings");
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).get("ruleId").asText()).isEqualTo("NKV-KNOWN-SECRET");
    assertThat(findings.get(0).get("severity").asText()).isEqualTo("high");
    assertThat(findings.get(0).get("location").asText())
        .isEqualTo("Pasted › request.header[X-Partner]");

    // Without the secrets, the header's name says nothing: no finding.
    assertThat(cli.run("audit", "-c", KNOWN).exitCode()).isZero();
    // A secret the file lacks is a secret error, as in run.
    Path empty = dir.resolve("empty.secrets");
    writeQuietly(empty, "# nothing\n");
    Cli.Result missing = cli.run("audit", "-c", KNOWN, "--secrets-file", empty.toString());
    assertThat(missing.exitCode()).isEqualTo(4);
    assertThat(missing.stderr()).contains("partner-token");
  }

  @Test
  void noSeededValueNorAPieceOfOneAppearsInAnyOutput() throws IOException {
    List<String> outputs = new ArrayList<>();
    Path out = dir.resolve("out");
    String[][] runs = {
      {"audit", "-c", LEAKY, "-e", LEAKY_ENV},
      {"audit", "-c", LEAKY, "-e", LEAKY_ENV, "--verbose", "--fail-on", "low"},
      {"audit", "-c", LEAKY, "-e", LEAKY_ENV, "--output", "json"},
      {"audit", "-c", LEAKY, "-e", LEAKY_ENV, "--output", "sarif"},
      {
        "audit",
        "-c",
        LEAKY,
        "-e",
        LEAKY_ENV,
        "--output",
        "sarif",
        "--output-file",
        out.resolve("a.sarif").toString()
      },
      {
        "audit",
        "-c",
        LEAKY,
        "-e",
        LEAKY_ENV,
        "--output",
        "json",
        "--output-file",
        out.resolve("a.json").toString()
      },
      {
        "audit",
        "-c",
        LEAKY,
        "-e",
        LEAKY_ENV,
        "--output-file",
        out.resolve("a.txt").toString(),
        "--verbose"
      },
      {
        "audit",
        "-c",
        LEAKY,
        "-e",
        LEAKY_ENV,
        "--write-baseline",
        out.resolve("baseline.json").toString()
      },
      {"audit", "-c", KNOWN, "--secrets-file", KNOWN_SECRETS, "--verbose"},
      {
        "audit",
        "-c",
        KNOWN,
        "--secrets-file",
        KNOWN_SECRETS,
        "--output",
        "sarif",
        "--output-file",
        out.resolve("k.sarif").toString()
      },
    };
    for (String[] args : runs) {
      Cli.Result result = cli.run(args);
      assertThat(result.exitCode()).as(String.join(" ", args)).isIn(0, 1);
      outputs.add(result.stdout());
      outputs.add(result.stderr());
    }
    Map<Path, String> files = Cli.filesUnder(out);
    assertThat(files).hasSize(5);
    outputs.addAll(files.values());

    List<String> canaries = new ArrayList<>(SEEDED.stream().map(Seeded::value).toList());
    canaries.add(KNOWN_VALUE);
    for (String text : outputs) {
      assertThat(text).doesNotContain("CANARY");
      for (String canary : canaries) {
        for (int i = 0; i + 12 <= canary.length(); i++) {
          assertThat(text)
              .as("a 12-character piece of a seeded value")
              .doesNotContain(canary.substring(i, i + 12));
        }
      }
    }
  }

  @Test
  void exitCodesFollowFailOn() throws IOException {
    assertThat(cli.run("audit", "-c", CLEAN).exitCode()).isZero();
    assertThat(cli.run("audit", "-c", LEAKY).exitCode()).isEqualTo(1);
    assertThat(cli.run("audit", "-c", LEAKY, "--fail-on", "none").exitCode()).isZero();

    Path mediumOnly = dir.resolve("medium.json");
    writeQuietly(
        mediumOnly,
        "{\"name\":\"m\",\"values\":[{\"key\":\"db_password\",\"value\":\"CANARY-medium-only-77\",\"enabled\":true}]}");
    assertThat(cli.run("audit", "-e", mediumOnly.toString()).exitCode()).isZero();
    assertThat(cli.run("audit", "-e", mediumOnly.toString(), "--fail-on", "medium").exitCode())
        .isEqualTo(1);
    assertThat(cli.run("audit", "-e", mediumOnly.toString(), "--fail-on", "low").exitCode())
        .isEqualTo(1);
  }

  @Test
  void badInputIsExit2WithOneLineThatEchoesNothing() throws IOException {
    Path malformed = dir.resolve("malformed.json");
    writeQuietly(
        malformed,
        "{\"info\": {\"name\": \"CANARY-malformed-content\", \"schema\": oops CANARY-more }");
    Cli.Result result = cli.run("audit", "-c", malformed.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr().lines()).hasSize(1);
    assertThat(result.stderr())
        .startsWith("error: collection file ")
        .contains("is not valid JSON (line 1");
    assertThat(result.stdout() + result.stderr()).doesNotContain("CANARY").doesNotContain("oops");

    Cli.Result nothing = cli.run("audit");
    assertThat(nothing.exitCode()).isEqualTo(2);
    assertThat(nothing.stderr()).contains("nothing to audit");

    assertThat(cli.run("audit", "-c", CLEAN, "--fail-on", "critical").exitCode()).isEqualTo(2);
    assertThat(
            cli.run("audit", "-c", CLEAN, "--baseline", dir.resolve("none.json").toString())
                .exitCode())
        .isEqualTo(2);
    Path notABaseline = dir.resolve("not-a-baseline.json");
    writeQuietly(notABaseline, "[\"CANARY-baseline-content\"]");
    Cli.Result bad = cli.run("audit", "-c", CLEAN, "--baseline", notABaseline.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).doesNotContain("CANARY");
  }

  @Test
  void downloadedDocumentsAreAuditedAndNamedByPostmanUri() throws IOException {
    String key = "PMAK-CANARY-" + UUID.randomUUID() + "-END";
    String collectionUid = "12345678-" + UUID.randomUUID();
    String environmentUid = "12345678-" + UUID.randomUUID();
    try (FakePostmanApi postman = new FakePostmanApi(key)) {
      postman.collection(collectionUid, Files.readString(Path.of(KNOWN)));
      postman.environment(environmentUid, Files.readString(Path.of(LEAKY_ENV)));
      cli.env.put("POSTMAN_API_KEY", key);
      cli.env.put("RUNNER_TEMP", dir.toString());
      Cli.Result result =
          cli.run(
              "audit",
              "-c",
              collectionUid,
              "-e",
              environmentUid,
              "--postman-api-url",
              postman.url(),
              "--secrets-file",
              KNOWN_SECRETS,
              "--output",
              "sarif");

      assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
      List<String> uris = new ArrayList<>();
      json(result.stdout())
          .get("runs")
          .get(0)
          .get("results")
          .forEach(
              r ->
                  uris.add(
                      r.get("locations")
                          .get(0)
                          .get("physicalLocation")
                          .get("artifactLocation")
                          .get("uri")
                          .asText()));
      assertThat(uris)
          .contains(
              "postman://collections/" + collectionUid, "postman://environments/" + environmentUid);
      assertThat(result.stdout() + result.stderr()).doesNotContain(key).doesNotContain(KNOWN_VALUE);
    }
    assertThat(Cli.entriesUnder(dir)).as("downloads left behind").isEmpty();
  }

  /** Runs .ci/validate-sarif.mjs (Ajv and the SARIF 2.1.0 schema from node_modules) on files. */
  private static String validateSarif(Path... files) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("node", PROJECT.resolve(".ci/validate-sarif.mjs").toString()));
    for (Path file : files) {
      command.add(file.toString());
    }
    Process process =
        new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  /** {@code audit DOCUMENTS --fail-on low} passes: no finding, even a low one, in any of them. */
  private void assertNoFindingIn(int documents, String... options) {
    List<String> args = new ArrayList<>(List.of("audit"));
    args.addAll(List.of(options));
    args.addAll(List.of("--fail-on", "low"));
    Cli.Result result = cli.run(args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    assertThat(result.stdout())
        .isEqualTo("no credential in clear found in " + documents + " documents\n");
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static void writeQuietly(Path file, String text) throws IOException {
    Files.writeString(file, text);
  }
}
