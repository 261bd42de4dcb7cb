package io.newmankeyvault.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.PostmanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Audits one collection or environment: walks it, then turns its hits into findings (locations
 * rendered, one rule kept per location, values replaced by fingerprints). Bad input is a {@link
 * UserFacingException} (exit 2) that never quotes the file. Stateless; thread-safe.
 */
final class DocumentAuditor {
  private final Set<String> knownSecrets;
  private final double entropyThreshold;
  private final Fingerprints fingerprints;

  DocumentAuditor(Set<String> knownSecrets, double entropyThreshold, Fingerprints fingerprints) {
    this.knownSecrets = knownSecrets;
    this.entropyThreshold = entropyThreshold;
    this.fingerprints = fingerprints;
  }

  /** The findings of one document and the document as read. */
  record Result(Document document, List<Finding> findings) {}

  /** Audits a collection file (or a downloaded one); {@code uri} is how reports name it. */
  Result collection(Path file, String uri) {
    String what = "collection file " + file;
    if (Files.isDirectory(file)) {
      throw UserFacingException.usage("cannot read " + what + ": it is a directory");
    }
    Detector detector = new Detector(knownSecrets, entropyThreshold);
    try (JsonParser parser = Json.MAPPER.createParser(Files.newInputStream(file))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw notACollection(what);
      }
      CollectionWalker.Walked walked = new CollectionWalker(parser, detector).walk();
      if (parser.nextToken() != null || walked.schema() == null || !walked.sawItems()) {
        throw notACollection(what);
      }
      if (!walked.schema().contains("/v2.0.0/") && !walked.schema().contains("/v2.1.0/")) {
        throw UserFacingException.usage(
            what
                + " is not a Postman Collection v2.0 or v2.1 (its info.schema names another"
                + " format): export it from Postman as Collection v2.1");
      }
      Document document =
          new Document(
              Document.Kind.COLLECTION,
              walked.name(),
              walked.postmanId() != null ? walked.postmanId() : walked.name(),
              uri);
      return new Result(document, findings(document, detector.hits(), fingerprints));
    } catch (IOException e) {
      throw PostmanJson.readError(what, e);
    }
  }

  /** Audits an environment file. */
  Result environment(Path file, String uri) {
    String what = "environment file " + file;
    if (Files.isDirectory(file)) {
      throw UserFacingException.usage("cannot read " + what + ": it is a directory");
    }
    try (JsonParser parser = Json.MAPPER.createParser(Files.newInputStream(file))) {
      return environment(parser, what, uri);
    } catch (IOException e) {
      throw PostmanJson.readError(what, e);
    }
  }

  /** Audits a downloaded environment (a tree: environments are small); lines are unknown. */
  Result environment(JsonNode tree, String what, String uri) {
    try (JsonParser parser = Json.MAPPER.treeAsTokens(tree)) {
      return environment(parser, what, uri);
    } catch (IOException e) {
      throw PostmanJson.readError(what, e);
    }
  }

  private Result environment(JsonParser parser, String what, String uri) throws IOException {
    Detector detector = new Detector(knownSecrets, entropyThreshold);
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw notAnEnvironment(what);
    }
    EnvironmentWalker.Walked walked = new EnvironmentWalker(parser, detector, what).walk();
    if (parser.nextToken() != null || !walked.sawValues()) {
      throw notAnEnvironment(what);
    }
    Document document =
        new Document(
            Document.Kind.ENVIRONMENT,
            walked.name(),
            walked.id() != null ? walked.id() : walked.name(),
            uri);
    return new Result(document, findings(document, detector.hits(), fingerprints));
  }

  /**
   * Findings from hits: at each location only the best-ranked rules (a known secret over a token
   * shape over a field rule over entropy), one finding per rule and distinct value, numbered in
   * document order among the values of its rule there (the fingerprint's ordinal).
   */
  static List<Finding> findings(Document document, List<Hit> hits, Fingerprints fingerprints) {
    Map<String, List<Hit>> byLocation = new LinkedHashMap<>();
    for (Hit hit : hits) {
      byLocation.computeIfAbsent(hit.location().get(), location -> new ArrayList<>()).add(hit);
    }
    List<Finding> findings = new ArrayList<>();
    byLocation.forEach(
        (location, atLocation) -> {
          int best = atLocation.stream().mapToInt(hit -> hit.rule().rank()).min().orElse(0);
          // The values seen per rule here: held in memory only, to count each value once.
          Map<Rule, Set<String>> values = new EnumMap<>(Rule.class);
          for (Hit hit : atLocation) {
            if (hit.rule().rank() != best) {
              continue;
            }
            Set<String> seen = values.computeIfAbsent(hit.rule(), rule -> new HashSet<>());
            if (seen.add(hit.value())) {
              String fingerprint =
                  fingerprints.of(hit.rule(), document, location, seen.size() - 1, hit.value());
              findings.add(
                  new Finding(
                      hit.rule(), document, location, Math.max(1, hit.line()), fingerprint));
            }
          }
        });
    findings.sort(
        Comparator.comparing(Finding::severity).reversed().thenComparingInt(Finding::line));
    return findings;
  }

  private static UserFacingException notACollection(String what) {
    return UserFacingException.usage(
        what
            + " is not a Postman collection (it needs info.schema and item): export it from"
            + " Postman as Collection v2.1");
  }

  private static UserFacingException notAnEnvironment(String what) {
    return UserFacingException.usage(
        what + " is not a Postman environment (it needs a values array): export it from Postman");
  }
}
