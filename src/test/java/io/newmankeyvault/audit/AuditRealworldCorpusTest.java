package io.newmankeyvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The audit on collections and environments nobody here wrote ({@code ../shared/corpora/realworld}:
 * 153 documents from 46 public repositories), against hand labels kept in {@code
 * test-fixtures/audit/realworld-labels.tsv}: every finding judged value by value, and every
 * credential found by reading the documents. Labels and reports hold hashes, never a value (some of
 * the corpus's credentials are real). Precision is per finding (a location and a value), recall per
 * location that holds a credential; both must stay at 95% or more, no document that {@code run}
 * accepts may be refused, and no document may fail the default audit ({@code --fail-on high}) on
 * false alarms alone. The figures per rule are written to {@code target/audit-realworld.md}. The
 * corpus is not copied into the project (many of its files carry no licence): without it the test
 * is skipped.
 */
class AuditRealworldCorpusTest {
  private static final Path PROJECT =
      Path.of(System.getProperty("nkv.projectDir", ".")).toAbsolutePath();
  private static final Path CORPUS =
      PROJECT.resolve("..").resolve("shared").resolve("corpora").resolve("realworld").normalize();
  private static final Path LABELS =
      PROJECT.resolve("test-fixtures").resolve("audit").resolve("realworld-labels.tsv");

  /** A hand label: whether the value at that place is a credential, and the rule expected. */
  private record Label(String field, String rule, boolean credential) {}

  /** Counts for one rule. */
  private static final class Tally {
    int truePositives;
    int falsePositives;
    int credentials;
    int found;
  }

  @Test
  void precisionAndRecallPerLocationAgainstHandLabels() throws IOException {
    assumeTrue(
        Files.isRegularFile(CORPUS.resolve("SOURCES.tsv")),
        "skipped: the real-world corpus is not at "
            + CORPUS
            + " (it is read in place, never copied into the project)");
    Map<String, Label> labels = labels();
    DocumentAuditor auditor = new DocumentAuditor(Set.of(), 4.0, Fingerprints.byPlace());
    Map<String, Tally> tallies = new TreeMap<>();
    Set<String> foundPlaces = new HashSet<>();
    List<String> refused = new ArrayList<>();
    List<String> unlabelled = new ArrayList<>();
    List<String> falseAlarmsOnly = new ArrayList<>();
    int documents = 0;
    for (String[] source : sources()) {
      String document = source[0] + "/" + source[1];
      Path file = CORPUS.resolve(document);
      DocumentAuditor.Read read;
      try {
        read =
            source[2].equals("c")
                ? auditor.readCollection(file, document)
                : auditor.readEnvironment(file, document);
      } catch (UserFacingException e) {
        refused.add(document + ": " + e.getMessage());
        continue;
      }
      documents++;
      boolean highCredential = false;
      boolean highFalseAlarm = false;
      for (Hit hit : read.hits()) {
        String location = sha256(hit.location().get());
        Label label = labels.get(key(document, location, sha256(hit.value())));
        Tally tally = tallies.computeIfAbsent(hit.rule().id(), rule -> new Tally());
        if (label != null && label.credential()) {
          tally.truePositives++;
          foundPlaces.add(document + "\t" + location);
          highCredential |= hit.severity() == Severity.HIGH;
        } else {
          // An unlabelled finding counts as a false alarm until someone labels it.
          tally.falsePositives++;
          highFalseAlarm |= hit.severity() == Severity.HIGH;
          if (label == null) {
            unlabelled.add(describe(document, hit) + " (value " + sha256(hit.value()) + ")");
          }
        }
      }
      if (highFalseAlarm && !highCredential) {
        falseAlarmsOnly.add(document);
      }
    }
    Map<String, Label> credentialPlaces = new TreeMap<>(); // by document and location hash
    labels.forEach(
        (key, label) -> {
          if (label.credential()) {
            credentialPlaces.putIfAbsent(key.substring(0, key.lastIndexOf('\t')), label);
          }
        });
    List<String> missed = new ArrayList<>();
    credentialPlaces.forEach(
        (place, label) -> {
          Tally tally = tallies.computeIfAbsent(label.rule(), id -> new Tally());
          tally.credentials++;
          if (foundPlaces.contains(place)) {
            tally.found++;
          } else {
            missed.add(
                place.substring(0, place.indexOf('\t')) + " " + label.field() + " " + label.rule());
          }
        });
    int truePositives = tallies.values().stream().mapToInt(t -> t.truePositives).sum();
    int falsePositives = tallies.values().stream().mapToInt(t -> t.falsePositives).sum();
    double precision = 100.0 * truePositives / Math.max(1, truePositives + falsePositives);
    double recall = 100.0 * foundPlaces.size() / Math.max(1, credentialPlaces.size());
    Files.createDirectories(PROJECT.resolve("target"));
    Files.writeString(
        PROJECT.resolve("target").resolve("audit-realworld.md"),
        report(tallies, documents, precision, recall)
            + "\nMissed: "
            + String.join("; ", missed)
            + "\nUnlabelled: "
            + String.join("; ", unlabelled)
            + "\n");

    assertThat(refused).as("documents run accepts but audit refused").isEmpty();
    assertThat(precision)
        .as(
            "precision per finding (%d of %d); unlabelled: %s",
            truePositives, truePositives + falsePositives, unlabelled)
        .isGreaterThanOrEqualTo(95.0);
    assertThat(recall)
        .as(
            "recall per location (%d of %d); missed: %s",
            foundPlaces.size(), credentialPlaces.size(), missed)
        .isGreaterThanOrEqualTo(95.0);
    assertThat(falseAlarmsOnly)
        .as("documents failing --fail-on high on false alarms alone")
        .isEmpty();
  }

  /** The labels by document, location hash and value hash. */
  private static Map<String, Label> labels() throws IOException {
    Map<String, Label> labels = new HashMap<>();
    for (String line : Files.readAllLines(LABELS, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      // document, location_sha256, field, rule, value_sha256, label, category
      String[] cells = line.split("\t", -1);
      labels.put(
          key(cells[0], cells[1], cells[4]), new Label(cells[2], cells[3], cells[5].equals("tp")));
    }
    return labels;
  }

  private static List<String[]> sources() throws IOException {
    List<String[]> sources = new ArrayList<>();
    for (String line : Files.readAllLines(CORPUS.resolve("SOURCES.tsv"), StandardCharsets.UTF_8)) {
      String[] cells = line.split("\t");
      if (!line.startsWith("folder\t") && cells.length >= 3) {
        sources.add(cells);
      }
    }
    return sources;
  }

  private static String key(String document, String location, String value) {
    return document + "\t" + location + "\t" + value;
  }

  /** A finding for a message: the document, the field (not the item path) and the rule. */
  private static String describe(String document, Hit hit) {
    String location = hit.location().get();
    return document
        + " "
        + location.substring(location.lastIndexOf(" › ") + 3)
        + " "
        + hit.rule().id();
  }

  private static String report(
      Map<String, Tally> tallies, int documents, double precision, double recall) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                "%d documents; precision per finding %.1f%%, recall per location %.1f%%%n%n",
                documents, precision, recall));
    text.append("| Rule | Findings | True | Precision | Credential places | Found | Recall |\n")
        .append("| --- | --- | --- | --- | --- | --- | --- |\n");
    tallies.forEach(
        (rule, t) ->
            text.append(
                String.format(
                    "| %s | %d | %d | %s | %d | %d | %s |%n",
                    rule,
                    t.truePositives + t.falsePositives,
                    t.truePositives,
                    percent(t.truePositives, t.truePositives + t.falsePositives),
                    t.credentials,
                    t.found,
                    percent(t.found, t.credentials))));
    return text.toString();
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "-" : String.format("%.1f%%", 100.0 * part / whole);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
