package io.newmankeyvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity of {@code audit} between a v2.1 collection and the v3 folder the real Postman CLI migrated
 * it to ({@code test-fixtures/audit/v3/make.sh}): the same findings (rule, severity, location) with
 * the same fingerprints, so that a baseline written before the migration still holds after it; each
 * v3 finding names its YAML file and a line of it that holds the value. The one difference is the
 * CLI's: {@code postman collection migrate} drops a variable's {@code "type": "secret"}, so such a
 * variable is judged by its name alone.
 */
class AuditV3ParityTest {
  private static final Path PROJECT =
      Path.of(System.getProperty("nkv.projectDir", ".")).toAbsolutePath();
  private static final Path FIXTURES = PROJECT.resolve("test-fixtures").resolve("audit");
  private static final Path V3 = FIXTURES.resolve("v3/postman/collections");

  /** Findings the migration changes: v2's location and rule, and what v3 gives instead (or ""). */
  private static final Map<String, String> MIGRATION_DIFFERENCES =
      Map.of(
          "NKV-VAR-SECRET high collection › variable[signing_key]",
          "NKV-ENTROPY low collection › variable[signing_key]");

  private final Cli cli = new Cli();

  @ParameterizedTest
  @ValueSource(strings = {"leaky", "clean", "known-secret"})
  void aMigratedFolderHasTheFindingsOfItsCollection(String name) throws IOException {
    Path json = FIXTURES.resolve(name + ".postman_collection.json");
    Path folder = V3.resolve(name);
    assertSameFindings(json, folder, name.equals("known-secret"), !name.equals("clean"));
  }

  /** The demo and every case of the parity corpus the CLI migrated (test-fixtures/v3/make.sh). */
  @Test
  void theMigratedDemoAndParityCorpusHaveTheFindingsOfTheirCollections() throws IOException {
    Path v3 = PROJECT.resolve("test-fixtures/v3");
    assertSameFindings(
        PROJECT.resolve("test-fixtures/demo/collection.json"),
        v3.resolve("demo/postman/collections/demo"),
        false,
        false);
    int cases = 0;
    try (Stream<Path> folders = Files.list(v3.resolve("parity"))) {
      for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
        Path json =
            PROJECT
                .resolve("test-fixtures/parity")
                .resolve(folder.getFileName())
                .resolve("collection.json");
        assertSameFindings(json, folder, false, false);
        cases++;
      }
    }
    assertThat(cases).isEqualTo(16);
  }

  private void assertSameFindings(Path json, Path folder, boolean known, boolean someFindings)
      throws IOException {
    Map<String, JsonNode> v2 = findings(audit(json, known)); // known: with known.secrets
    Map<String, JsonNode> v3 = findings(audit(folder, known));
    if (someFindings) {
      assertThat(v3).isNotEmpty();
    }

    Map<String, String> expected = new TreeMap<>();
    v2.forEach(
        (key, finding) -> {
          String instead = MIGRATION_DIFFERENCES.getOrDefault(key, key);
          expected.put(instead, instead.equals(key) ? finding.get("fingerprint").asText() : null);
        });
    assertThat(v3.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : v3.entrySet()) {
      JsonNode finding = entry.getValue();
      String fingerprint = expected.get(entry.getKey());
      if (fingerprint != null) {
        assertThat(finding.get("fingerprint").asText()).as(entry.getKey()).isEqualTo(fingerprint);
      }
      // The file and the line: that line of that YAML file holds the value (or its key).
      Path file = folder.resolve(finding.get("file").asText());
      assertThat(file).as(entry.getKey()).isRegularFile();
      int line = finding.get("line").asInt();
      List<String> text = Files.readAllLines(file);
      assertThat(line).as(entry.getKey()).isBetween(1, text.size());
      lines.add(entry.getKey() + " @ " + finding.get("file").asText() + ":" + line);
    }
    assertThat(lines).hasSameSizeAs(v3.keySet());
  }

  private JsonNode audit(Path collection, boolean knownSecrets) {
    List<String> args =
        new ArrayList<>(
            List.of("audit", "-c", collection.toString(), "--output", "json", "--fail-on", "none"));
    if (knownSecrets) {
      args.addAll(List.of("--secrets-file", FIXTURES.resolve("known.secrets").toString()));
    }
    Cli.Result result = cli.run(args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    try {
      return Json.MAPPER.readTree(result.stdout());
    } catch (IOException e) {
      throw new AssertionError("not JSON", e);
    }
  }

  /** Findings by rule, severity and location (with an ordinal when one repeats). */
  private static Map<String, JsonNode> findings(JsonNode report) {
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    for (JsonNode finding : report.get("findings")) {
      String key =
          finding.get("ruleId").asText()
              + " "
              + finding.get("severity").asText()
              + " "
              + finding.get("location").asText();
      String unique = key;
      for (int i = 2; byKey.containsKey(unique); i++) {
        unique = key + " #" + i;
      }
      byKey.put(unique, finding);
    }
    return byKey;
  }
}
