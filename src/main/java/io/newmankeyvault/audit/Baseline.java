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
 * Accepted findings, by fingerprint: {@code {"version": 2, "fingerprints": "place"|"keyed",
 * "findings": [{"fingerprint": ..., "ruleId": ..., "document": ..., "location": ...}]}}. Only the
 * fingerprint counts; rule, document and location are there for the people who review the file. The
 * kind of fingerprint is recorded so that an audit that would compute the other kind says so
 * instead of reporting every finding as new. Nothing tells which key wrote a keyed file: that would
 * let a guess of the key be checked without guessing a value too. Immutable.
 */
public final class Baseline {
  /**
   * 2 since fingerprints hold nothing testable about a value; version 1 held a salted PBKDF2 hash
   * of it, which a dictionary reverses for short values, so a version 1 file is refused.
   */
  static final int VERSION = 2;

  private static final String PLACE = "place";
  private static final String KEYED = "keyed";

  private final Set<String> fingerprints;
  private final boolean keyed;

  private Baseline(Set<String> fingerprints, boolean keyed) {
    this.fingerprints = Set.copyOf(fingerprints);
    this.keyed = keyed;
  }

  /** A baseline that accepts nothing. */
  public static Baseline none() {
    return new Baseline(Set.of(), false);
  }

  /**
   * Reads a baseline written with the same kind of fingerprints (and the same key) as {@code
   * fingerprints}; a bad, older or mismatched file is a usage error in one line that never quotes
   * it.
   */
  static Baseline load(Path file, Fingerprints fingerprints) {
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
    checkVersion(what, root.path("version"));
    checkKind(what, root.path("fingerprints").asText(""), fingerprints);
    Set<String> accepted = new HashSet<>();
    for (JsonNode finding : root.get("findings")) {
      JsonNode fingerprint = finding.path("fingerprint");
      if (!fingerprint.isTextual()) {
        throw UserFacingException.usage(what + ": each entry of findings needs a fingerprint");
      }
      accepted.add(fingerprint.asText());
    }
    return new Baseline(accepted, fingerprints.keyed());
  }

  private static void checkVersion(String what, JsonNode version) {
    // Files of version 1 (and the unversioned ones before it) hold value hashes.
    int number = version.isMissingNode() ? 1 : version.isInt() ? version.asInt() : -1;
    if (number == 1) {
      throw UserFacingException.usage(
          what
              + " is version 1, whose fingerprints let anyone who reads it check guesses of a"
              + " short credential offline: write it again with --write-baseline (instead of"
              + " --baseline)");
    }
    if (number > VERSION) {
      throw UserFacingException.usage(
          what
              + " is version "
              + number
              + ", from a later newman-keyvault: upgrade, or write it again with"
              + " --write-baseline");
    }
    if (number != VERSION) {
      throw UserFacingException.usage(
          what + " is not an audit baseline (unknown version): write it with --write-baseline");
    }
  }

  private static void checkKind(String what, String kind, Fingerprints fingerprints) {
    String rewrite = ", or write the baseline again with --write-baseline";
    if (kind.equals(PLACE)) {
      if (fingerprints.keyed()) {
        throw UserFacingException.usage(
            what
                + " was written without "
                + Fingerprints.KEY_VARIABLE
                + ", which is set now: unset it"
                + rewrite);
      }
    } else if (kind.equals(KEYED)) {
      if (!fingerprints.keyed()) {
        throw UserFacingException.usage(
            what
                + " was written with "
                + Fingerprints.KEY_VARIABLE
                + " set: set the same key"
                + rewrite);
      }
    } else {
      throw UserFacingException.usage(
          what
              + " is not an audit baseline (fingerprints must be \"place\" or \"keyed\"): write it"
              + " with --write-baseline");
    }
  }

  public boolean accepts(Finding finding) {
    return fingerprints.contains(finding.fingerprint());
  }

  /**
   * Whether this keyed baseline may have been written with another key: it lists fingerprints and
   * none of the audit's findings matched one. Only a hint: every listed leak may have been fixed
   * while new ones came.
   */
  boolean mayBeFromAnotherKey(int findings, int accepted) {
    return keyed && !fingerprints.isEmpty() && findings > 0 && accepted == 0;
  }

  /** The baseline file's text for these findings, fingerprinted by {@code fingerprints}. */
  static String write(List<Finding> findings, Fingerprints fingerprints) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("version", VERSION);
    root.put(
        "comment",
        "newman-keyvault audit baseline: findings accepted by fingerprint (never values)."
            + " Remove an entry once its credential is moved to Key Vault.");
    root.put("fingerprints", fingerprints.keyed() ? KEYED : PLACE);
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
