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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baselines across fingerprint schemes: a version 1 file (value hashes) is refused in one line that
 * says why and how to rewrite it; a file written with a key, without one or with another is named
 * as such; and what a key changes: a new value at a known place is a new finding.
 */
class BaselineTest {
  /** Spelled out rather than taken from the code: the name is part of the user contract. */
  private static final String KEY_VARIABLE = "NKV_AUDIT_FINGERPRINT_KEY";

  private static final String KEY = "CANARY-fingerprint-key-5f0c2a9d81e34b7c6a1f0e9d8c7b6a59";

  /** Random-looking, so that the finding is high and fails the default audit. */
  private static final String VALUE = "CANARY7e21Zq9Xv4Lm2Pw8Rt6";

  @TempDir Path dir;
  private final Cli cli = new Cli();
  private Path collection;
  private Path baseline;

  @BeforeEach
  void collection() throws IOException {
    collection = Files.writeString(dir.resolve("c.json"), collection(VALUE));
    baseline = dir.resolve("audit-baseline.json");
  }

  @Test
  void aVersion1BaselineIsRefusedInOneLineThatSaysWhyAndHowToRewriteIt() throws IOException {
    // As the earlier scheme wrote it; the unversioned form before it held bare fingerprints.
    String[] older = {
      """
      {"version": 1, "comment": "newman-keyvault audit baseline",
       "findings": [{"fingerprint": "0123456789abcdef0123", "ruleId": "NKV-HEADER",
                     "location": "Users / Get user › request.header[X-Api-Key]"}]}
      """,
      """
      {"findings": ["0123456789abcdef0123"]}
      """
    };
    for (String text : older) {
      Files.writeString(baseline, text);

      Cli.Result result = audit("--baseline", baseline.toString());

      assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
      assertThat(result.stderr())
          .isEqualTo(
              "error: baseline file "
                  + baseline
                  + " is version 1, whose fingerprints let anyone who reads it check guesses"
                  + " of a short credential offline: write it again with --write-baseline"
                  + " (instead of --baseline)\n");
      assertThat(result.stdout()).isEmpty();
    }

    // Written again, it is understood.
    assertThat(audit("--write-baseline", baseline.toString()).exitCode()).isZero();
    assertThat(Json.MAPPER.readTree(baseline.toFile()).get("version").asInt()).isEqualTo(2);
    Cli.Result again = audit("--baseline", baseline.toString());
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.stdout()).contains("1 known finding suppressed by the baseline");
  }

  @Test
  void aBaselineFromALaterVersionOrOfAnUnknownKindIsOneLine() throws IOException {
    Files.writeString(baseline, "{\"version\": 3, \"fingerprints\": \"place\", \"findings\": []}");
    Cli.Result later = audit("--baseline", baseline.toString());
    assertThat(later.exitCode()).isEqualTo(2);
    assertThat(later.stderr())
        .isEqualTo(
            "error: baseline file "
                + baseline
                + " is version 3, from a later newman-keyvault: upgrade, or write it again with"
                + " --write-baseline\n");

    Files.writeString(
        baseline, "{\"version\": 2, \"fingerprints\": \"CANARY-kind\", \"findings\": []}");
    Cli.Result unknown = audit("--baseline", baseline.toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr().lines()).hasSize(1);
    assertThat(unknown.stderr()).contains("is not an audit baseline").doesNotContain("CANARY");
  }

  @Test
  void aBaselineSaysWhetherItWasWrittenWithTheKeyAnotherKeyOrNone() throws IOException {
    assertThat(audit("--write-baseline", baseline.toString()).exitCode()).isZero();
    JsonNode byPlace = Json.MAPPER.readTree(baseline.toFile());
    assertThat(byPlace.path("fingerprints").asText()).isEqualTo("place");

    cli.env.put(KEY_VARIABLE, KEY);
    Cli.Result keyedRun = audit("--baseline", baseline.toString());
    assertThat(keyedRun.exitCode()).isEqualTo(2);
    assertThat(keyedRun.stderr())
        .isEqualTo(
            "error: baseline file "
                + baseline
                + " was written without "
                + KEY_VARIABLE
                + ", which is set now: unset it, or write the baseline again with"
                + " --write-baseline\n");

    assertThat(audit("--write-baseline", baseline.toString()).exitCode()).isZero();
    JsonNode keyed = Json.MAPPER.readTree(baseline.toFile());
    assertThat(keyed.path("fingerprints").asText()).isEqualTo("keyed");
    List<String> fields = new ArrayList<>();
    keyed.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .as("nothing computed from the key alone, which would let it be guessed on its own")
        .containsExactly("version", "comment", "fingerprints", "findings");
    Cli.Result sameKey = audit("--baseline", baseline.toString());
    assertThat(sameKey.exitCode()).as(sameKey.stderr()).isZero();
    assertThat(sameKey.stdout()).contains("1 known finding suppressed by the baseline");

    // Another key cannot be told from fixed leaks and new ones: every finding is new, with a hint.
    cli.env.put(KEY_VARIABLE, KEY.replace('5', '6'));
    Cli.Result otherKey = audit("--baseline", baseline.toString());
    assertThat(otherKey.exitCode()).isEqualTo(1);
    assertThat(otherKey.stdout()).contains("1 finding (1 high, 0 medium, 0 low)");
    assertThat(otherKey.stderr())
        .isEqualTo(
            "newman-keyvault: warning: no finding matched baseline file "
                + baseline
                + ": if it was written with another "
                + KEY_VARIABLE
                + ", set that key, or write the baseline again with --write-baseline\n");

    cli.env.put(KEY_VARIABLE, ""); // how an unavailable CI secret arrives
    Cli.Result noKey = audit("--baseline", baseline.toString());
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.stderr())
        .isEqualTo(
            "error: baseline file "
                + baseline
                + " was written with "
                + KEY_VARIABLE
                + " set: set the same key, or write the baseline again with --write-baseline\n");
  }

  @Test
  void onlyWithAKeyIsANewValueAtAKnownPlaceANewFinding() throws IOException {
    Path changed = Files.writeString(dir.resolve("changed.json"), collection(VALUE + "-rotated"));

    assertThat(audit("--write-baseline", baseline.toString()).exitCode()).isZero();
    Cli.Result byPlace =
        cli.run("audit", "-c", changed.toString(), "--baseline", baseline.toString());
    assertThat(byPlace.exitCode()).as("by place, the place was accepted").isZero();

    cli.env.put(KEY_VARIABLE, KEY);
    assertThat(audit("--write-baseline", baseline.toString()).exitCode()).isZero();
    assertThat(audit("--baseline", baseline.toString()).exitCode()).isZero();
    Cli.Result keyed =
        cli.run(
            "audit",
            "-c",
            changed.toString(),
            "--baseline",
            baseline.toString(),
            "--output",
            "json");
    assertThat(keyed.exitCode()).as(keyed.stderr()).isEqualTo(1);
    assertThat(Json.MAPPER.readTree(keyed.stdout()).get("findings")).hasSize(1);
  }

  @Test
  void theKeyIsAProtectedValueMaskedInCiAndInNoOutput() throws IOException {
    cli.env.put(KEY_VARIABLE, KEY);
    cli.env.put("GITHUB_ACTIONS", "true");
    Path sarif = dir.resolve("audit.sarif");

    Cli.Result result =
        audit(
            "--write-baseline",
            baseline.toString(),
            "--output",
            "sarif",
            "--output-file",
            sarif.toString(),
            "--verbose");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("::add-mask::" + KEY);
    String everything =
        result.stdout().replace("::add-mask::" + KEY, "")
            + result.stderr()
            + Files.readString(baseline)
            + Files.readString(sarif);
    assertThat(everything).doesNotContain("CANARY");

    cli.env.put(KEY_VARIABLE, KEY.substring(0, 31));
    Cli.Result tooShort = audit();
    assertThat(tooShort.exitCode()).isEqualTo(2);
    assertThat(tooShort.stderr())
        .startsWith("error: " + KEY_VARIABLE + " is too short")
        .doesNotContain("CANARY");
  }

  private Cli.Result audit(String... more) {
    String[] args = new String[3 + more.length];
    args[0] = "audit";
    args[1] = "-c";
    args[2] = collection.toString();
    System.arraycopy(more, 0, args, 3, more.length);
    return cli.run(args);
  }

  private static String collection(String value) {
    return """
        {"info": {"_postman_id": "3f6c1d2e-8a4b-4c5d-9e0f-1a2b3c4d5e6f", "name": "Users API",
                  "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
         "item": [{"name": "Users", "item": [{"name": "Get user",
           "request": {"method": "GET", "url": "https://api.example.com/users/1",
             "header": [{"key": "X-Api-Key", "value": "%s"}]}}]}]}
        """
        .formatted(value);
  }
}
