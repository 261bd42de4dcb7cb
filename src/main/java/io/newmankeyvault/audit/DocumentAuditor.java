package io.newmankeyvault.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.PostmanJson;
import io.newmankeyvault.postman.PostmanYaml;
import io.newmankeyvault.postman.V3Collection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
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
    Read read = readCollection(file, uri);
    return new Result(read.document(), findings(read.document(), read.hits(), fingerprints));
  }

  /** A document as read and its reported hits, values included: for tests that judge them. */
  record Read(Document document, List<Hit> hits) {}

  /**
   * Reads a collection in any shape {@code run} accepts (a JSON object or array, v1 and v2.x, with
   * or without {@code info}): only a file that Newman cannot load either is refused.
   */
  Read readCollection(Path file, String uri) {
    String what = "collection file " + file;
    Path folder = V3Collection.root(file);
    if (folder != null) {
      Detector detector = new Detector(knownSecrets, entropyThreshold);
      V3Walker.Walked walked = new V3Walker(folder, detector).walk();
      Document document =
          new Document(
              Document.Kind.COLLECTION,
              walked.name(),
              walked.id() != null ? walked.id() : walked.name(),
              uri);
      return new Read(document, reported(detector.hits()));
    }
    if (Files.isDirectory(file)) {
      throw UserFacingException.usage("cannot read " + what + ": it is a directory");
    }
    Detector detector = new Detector(knownSecrets, entropyThreshold);
    try (JsonParser parser = Json.MAPPER.createParser(Files.newInputStream(file))) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
        throw notACollection(what);
      }
      CollectionWalker.Walked walked = new CollectionWalker(parser, detector).walk();
      if (parser.nextToken() != null) {
        throw notACollection(what);
      }
      Document document =
          new Document(
              Document.Kind.COLLECTION,
              walked.name(),
              walked.postmanId() != null ? walked.postmanId() : walked.name(),
              uri);
      return new Read(document, reported(detector.hits()));
    } catch (IOException e) {
      throw PostmanJson.readError(what, e);
    }
  }

  /** Audits an environment file. */
  Result environment(Path file, String uri) {
    Read read = readEnvironment(file, uri);
    return new Result(read.document(), findings(read.document(), read.hits(), fingerprints));
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
    Read read = readEnvironment(parser, what, uri);
    return new Result(read.document(), findings(read.document(), read.hits(), fingerprints));
  }

  /** Reads an environment file: see {@link #readCollection}. */
  Read readEnvironment(Path file, String uri) {
    String what = "environment file " + file;
    if (Files.isDirectory(file)) {
      throw UserFacingException.usage("cannot read " + what + ": it is a directory");
    }
    if (PostmanYaml.isYaml(file)) { // Postman v12's *.environment.yaml: the same shape, in YAML
      try (JsonParser parser = PostmanYaml.parser(Files.newInputStream(file))) {
        return readEnvironment(parser, what, uri);
      } catch (IOException e) {
        throw PostmanYaml.readError(what, e);
      }
    }
    try (JsonParser parser = Json.MAPPER.createParser(Files.newInputStream(file))) {
      return readEnvironment(parser, what, uri);
    } catch (IOException e) {
      throw PostmanJson.readError(what, e);
    }
  }

  /**
   * Reads an environment in any shape {@code run} accepts: an object (its {@code values}, if any),
   * an array of entries, a Postman API answer.
   */
  private Read readEnvironment(JsonParser parser, String what, String uri) throws IOException {
    Detector detector = new Detector(knownSecrets, entropyThreshold);
    JsonToken first = parser.nextToken();
    if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
      throw notAnEnvironment(what);
    }
    EnvironmentWalker.Walked walked = new EnvironmentWalker(parser, detector).walk();
    if (parser.nextToken() != null) {
      throw notAnEnvironment(what);
    }
    Document document =
        new Document(
            Document.Kind.ENVIRONMENT,
            walked.name(),
            walked.id() != null ? walked.id() : walked.name(),
            uri);
    return new Read(document, reported(detector.hits()));
  }

  /**
   * The hits that become findings: at each location only the best-ranked rules (a known secret over
   * a token shape over a field rule over entropy), one per rule and distinct value, in document
   * order.
   */
  static List<Hit> reported(List<Hit> hits) {
    Map<String, List<Hit>> byLocation = new LinkedHashMap<>();
    for (Hit hit : hits) {
      byLocation.computeIfAbsent(hit.location().get(), location -> new ArrayList<>()).add(hit);
    }
    List<Hit> reported = new ArrayList<>();
    byLocation.forEach(
        (location, atLocation) -> {
          int best = atLocation.stream().mapToInt(hit -> hit.rule().rank()).min().orElse(0);
          // The values seen per rule here: held in memory only, to count each value once.
          Map<Rule, Set<String>> values = new EnumMap<>(Rule.class);
          for (Hit hit : atLocation) {
            if (hit.rule().rank() == best
                && values.computeIfAbsent(hit.rule(), rule -> new HashSet<>()).add(hit.value())) {
              reported.add(hit);
            }
          }
        });
    return reported;
  }

  /**
   * Findings from hits (those {@link #reported}), each numbered among the values of its rule at its
   * location (the fingerprint's ordinal), surest first.
   */
  static List<Finding> findings(Document document, List<Hit> hits, Fingerprints fingerprints) {
    Map<String, Integer> ordinals = new HashMap<>();
    List<Finding> findings = new ArrayList<>();
    for (Hit hit : reported(hits)) {
      String location = hit.location().get();
      int ordinal = ordinals.merge(hit.rule().id() + "\n" + location, 1, Integer::sum) - 1;
      findings.add(
          new Finding(
              hit.rule(),
              hit.severity(),
              document,
              location,
              Math.max(1, hit.line()),
              fingerprints.of(hit.rule(), document, location, ordinal, hit.value()),
              hit.file()));
    }
    findings.sort(
        Comparator.comparing(Finding::severity)
            .reversed()
            .thenComparing(Finding::file, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(Finding::line));
    return findings;
  }

  private static UserFacingException notACollection(String what) {
    return UserFacingException.usage(
        what
            + " is not a Postman collection (one JSON object): export it from Postman as"
            + " Collection v2.1");
  }

  private static UserFacingException notAnEnvironment(String what) {
    return UserFacingException.usage(
        what + " is not a Postman environment (one JSON object): export it from Postman");
  }
}
