package io.newmankeyvault.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.PostmanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Accepted findings, by fingerprint: {@code {"version": 1, "findings": [{"fingerprint": ...,
 * "ruleId": ..., "location": ...}]}}. Only the fingerprint counts; rule and location are there for
 * the people who review the file. Immutable.
 */
public final class Baseline {
  private final Set<String> fingerprints;

  private Baseline(Set<String> fingerprints) {
    this.fingerprints = Set.copyOf(fingerprints);
  }

  /** A baseline that accepts nothing. */
  public static Baseline none() {
    return new Baseline(Set.of());
  }

  /** Reads a baseline; a bad file is a usage error that never quotes it. */
  public static Baseline load(Path file) {
    String what = "baseline file " + file;
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw UserFacingException.usage(
          "cannot read " + what + ": no such file (write one with --write-baseline)");
    } catch (IOException e) {
      throw PostmanJson.readError(what, e);
    }
    if (root == null || !root.path("findings").isArray()) {
      throw UserFacingException.usage(
          what
              + " is not an audit baseline (it needs a findings array): write it with --write-baseline");
    }
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode finding : root.get("findings")) {
      JsonNode fingerprint = finding.isTextual() ? finding : finding.path("fingerprint");
      if (!fingerprint.isTextual()) {
        throw UserFacingException.usage(what + ": each entry of findings needs a fingerprint");
      }
      fingerprints.add(fingerprint.asText());
    }
    return new Baseline(fingerprints);
  }

  public boolean accepts(Finding finding) {
    return fingerprints.contains(finding.fingerprint());
  }

  /** The baseline file's text for these findings. */
  public static String write(List<Finding> findings) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("version", 1);
    root.put(
        "comment",
        "newman-keyvault audit baseline: findings accepted by fingerprint (never values)."
            + " Remove an entry once its credential is moved to Key Vault.");
    ArrayNode entries = root.putArray("findings");
    for (Finding finding : findings) {
      entries
          .addObject()
          .put("fingerprint", finding.fingerprint())
          .put("ruleId", finding.rule().id())
          .put("document", finding.document().uri())
          .put("location", finding.location());
    }
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
