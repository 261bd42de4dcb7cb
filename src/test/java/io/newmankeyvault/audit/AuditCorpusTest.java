package io.newmankeyvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit against other scanners' rule tests: gitleaks' true and false positives for the token
 * shapes the audit claims ({@code src/test/resources/audit-corpus}, MIT licence, see its README),
 * and our own cases for the forms they do not cover (storage keys, escaped quotes, published
 * examples), each embedded in every place the audit walks: a header, a raw body, a script (inside a
 * JavaScript string, quotes escaped), a saved example's body, a description and an environment
 * variable, all under names that no field rule flags. Recall is the share of true-positive places
 * found by a token rule; the false-positive rate the share of false-positive places flagged by any
 * token rule. Both are written, per kind, to {@code target/audit-corpus.md}.
 */
class AuditCorpusTest {
  private static final Path PROJECT =
      Path.of(System.getProperty("nkv.projectDir", ".")).toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PLACES =
      List.of("header", "body", "script", "example", "description", "variable");

  @TempDir Path dir;

  /** One corpus line. */
  private record Case(int id, String kind, boolean positive, String function, String value) {}

  /** Counts for one kind. */
  private static final class Tally {
    int positives;
    int found;
    int negatives;
    int flagged;
    final List<String> missed = new ArrayList<>();
    final List<String> wronglyFlagged = new ArrayList<>();
  }

  @Test
  void recallAndFalsePositivesPerTokenKind() throws Exception {
    List<Case> cases = corpus();
    Path collection = dir.resolve("corpus.postman_collection.json");
    Path environment = dir.resolve("corpus.postman_environment.json");
    write(cases, collection, environment);

    Cli.Result result =
        new Cli()
            .run(
                "audit",
                "-c",
                collection.toString(),
                "-e",
                environment.toString(),
                "--output",
                "json",
                "--fail-on",
                "none");
    assertThat(result.exitCode()).as(result.stderr()).isZero();

    // Which token rules fired in which place of which case.
    Map<String, List<String>> rulesByPlace = new LinkedHashMap<>();
    for (JsonNode finding : JSON.readTree(result.stdout()).path("findings")) {
      String ruleId = finding.path("ruleId").asText();
      if (!ruleId.startsWith("NKV-TOKEN-")) {
        continue;
      }
      rulesByPlace
          .computeIfAbsent(placeKey(finding.path("location").asText()), k -> new ArrayList<>())
          .add(ruleId);
    }

    Map<String, Tally> tallies = new TreeMap<>();
    for (Case c : cases) {
      Tally tally = tallies.computeIfAbsent(c.kind(), k -> new Tally());
      for (String place : PLACES) {
        List<String> rules = rulesByPlace.getOrDefault(c.id() + "/" + place, List.of());
        if (c.positive()) {
          tally.positives++;
          if (rules.stream().anyMatch(rule -> rule.startsWith("NKV-TOKEN-" + c.kind()))) {
            tally.found++;
          } else {
            tally.missed.add(c.function() + " #" + c.id() + " in " + place + " " + rules);
          }
        } else {
          tally.negatives++;
          if (!rules.isEmpty()) {
            tally.flagged++;
            tally.wronglyFlagged.add(c.function() + " #" + c.id() + " in " + place + " " + rules);
          }
        }
      }
    }
    int positives = tallies.values().stream().mapToInt(t -> t.positives).sum();
    int found = tallies.values().stream().mapToInt(t -> t.found).sum();
    int negatives = tallies.values().stream().mapToInt(t -> t.negatives).sum();
    int flagged = tallies.values().stream().mapToInt(t -> t.flagged).sum();
    Files.writeString(
        PROJECT.resolve("target").resolve("audit-corpus.md"),
        report(tallies, positives, found, negatives, flagged)
            + "\nMissed: "
            + String.join("; ", missed(tallies))
            + "\nFlagged: "
            + String.join("; ", flagged(tallies))
            + "\n");

    assertThat(100.0 * found / positives)
        .as("recall on the claimed shapes; missed: %s", missed(tallies))
        .isGreaterThanOrEqualTo(99.0);
    assertThat(100.0 * flagged / negatives)
        .as("placeholders and examples flagged: %s", flagged(tallies))
        .isLessThanOrEqualTo(2.0);
  }

  private static List<String> missed(Map<String, Tally> tallies) {
    return tallies.values().stream().flatMap(t -> t.missed.stream()).limit(30).toList();
  }

  private static List<String> flagged(Map<String, Tally> tallies) {
    return tallies.values().stream().flatMap(t -> t.wronglyFlagged.stream()).limit(30).toList();
  }

  private static String report(
      Map<String, Tally> tallies, int positives, int found, int negatives, int flagged) {
    StringBuilder text =
        new StringBuilder(
            """
            | Kind | True positives found | Recall | Negatives flagged | False-positive rate |
            | --- | --- | --- | --- | --- |
            """);
    tallies.forEach(
        (kind, t) ->
            text.append(
                String.format(
                    "| %s | %d / %d | %s | %d / %d | %s |%n",
                    kind,
                    t.found,
                    t.positives,
                    percent(t.found, t.positives),
                    t.flagged,
                    t.negatives,
                    percent(t.flagged, t.negatives))));
    text.append(
        String.format(
            "| all | %d / %d | %s | %d / %d | %s |%n",
            found,
            positives,
            percent(found, positives),
            flagged,
            negatives,
            percent(flagged, negatives)));
    return text.toString();
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "-" : String.format("%.1f%%", 100.0 * part / whole);
  }

  /** {@code ID/PLACE} from a finding's location. */
  private static String placeKey(String location) {
    // "case 12 › request.header[X-Sample]", "environment corpus › values[sample_12]", ...
    if (location.contains("values[sample_")) {
      return location.replaceAll(".*values\\[sample_(\\d+)\\].*", "$1") + "/variable";
    }
    String id = location.replaceAll("^case (\\d+).*", "$1");
    String place =
        location.contains("request.header")
            ? "header"
            : location.contains("response[")
                ? "example"
                : location.contains("event[")
                    ? "script"
                    : location.contains("description") ? "description" : "body";
    return id + "/" + place;
  }

  private static List<Case> corpus() throws Exception {
    List<Case> cases = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (String file : List.of("gitleaks-rules.tsv", "noseyparker-examples.tsv", "own-cases.tsv")) {
      lines.addAll(
          Files.readAllLines(
              PROJECT.resolve("src/test/resources/audit-corpus").resolve(file),
              StandardCharsets.UTF_8));
    }
    for (String line : lines) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] cells = line.split("\t", 4);
      cases.add(
          new Case(cases.size(), cells[0], cells[1].equals("tp"), cells[2], unescape(cells[3])));
    }
    return cases;
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next == 'r' ? '\r' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void write(List<Case> cases, Path collection, Path environment) throws Exception {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("info")
        .put("name", "corpus")
        .put("schema", "https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
    ArrayNode items = root.putArray("item");
    ObjectNode env = JSON.createObjectNode().put("name", "corpus");
    ArrayNode values = env.putArray("values");
    for (Case c : cases) {
      ObjectNode item = items.addObject().put("name", "case " + c.id());
      ObjectNode request = item.putObject("request").put("method", "POST");
      request.put("url", "https://api.example.test/corpus");
      request.put("description", c.value());
      request.putArray("header").addObject().put("key", "X-Sample").put("value", c.value());
      request.putObject("body").put("mode", "raw").put("raw", c.value());
      ObjectNode script =
          item.putArray("event").addObject().put("listen", "test").putObject("script");
      script.putArray("exec").add("var sample = " + JSON.writeValueAsString(c.value()) + ";");
      item.putArray("response")
          .addObject()
          .put("name", "saved")
          .put("code", 200)
          .put("body", c.value());
      values
          .addObject()
          .put("key", "sample_" + c.id())
          .put("value", c.value())
          .put("enabled", true);
    }
    JSON.writeValue(collection.toFile(), root);
    JSON.writeValue(environment.toFile(), env);
  }
}
