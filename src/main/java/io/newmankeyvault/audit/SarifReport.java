package io.newmankeyvault.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --output sarif}: SARIF 2.1.0 as GitHub code scanning reads it. Every rule is listed; each
 * result has a level, a message, our fingerprint as a partial fingerprint, the file (or {@code
 * postman://} URI) with a start line, and the item path as a logical location.
 */
final class SarifReport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String INFORMATION_URI = "https://github.com/your-org/newman-keyvault#audit";

  /**
   * The partial fingerprint's name: versioned, so a change of scheme starts new alerts cleanly (v2:
   * no value hash without a key, see {@link Fingerprints}).
   */
  static final String FINGERPRINT_KEY = "newmanKeyvaultFingerprint/v2";

  private SarifReport() {}

  static String render(AuditReport report, String version) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "newman-keyvault");
    driver.put("informationUri", INFORMATION_URI);
    driver.put("version", version);
    ArrayNode rules = driver.putArray("rules");
    Map<Rule, Integer> ruleIndex = new EnumMap<>(Rule.class); // a result names its rule's place
    for (Rule rule : Rule.values()) {
      ruleIndex.put(rule, rules.size());
      ObjectNode descriptor = rules.addObject();
      descriptor.put("id", rule.id());
      descriptor.put("name", camelCase(rule));
      descriptor.putObject("shortDescription").put("text", rule.description());
      descriptor.putObject("fullDescription").put("text", rule.description() + ".");
      descriptor.putObject("help").put("text", rule.help());
      descriptor.putObject("defaultConfiguration").put("level", rule.severity().sarifLevel());
      ObjectNode properties = descriptor.putObject("properties");
      properties.putArray("tags").add("security").add("secrets");
      // GitHub sorts code scanning alerts by this CVSS-like score.
      properties.put(
          "security-severity",
          switch (rule.severity()) {
            case HIGH -> "8.0";
            case MEDIUM -> "5.0";
            case LOW -> "2.0";
          });
    }
    ArrayNode results = run.putArray("results");
    for (Finding finding : report.findings()) {
      ObjectNode result = results.addObject();
      result.put("ruleId", finding.rule().id());
      result.put("ruleIndex", ruleIndex.get(finding.rule()));
      result.put("level", finding.severity().sarifLevel());
      result
          .putObject("message")
          .put(
              "text",
              finding.rule().description()
                  + " at "
                  + finding.location()
                  + ". "
                  + finding.rule().help());
      result.putObject("partialFingerprints").put(FINGERPRINT_KEY, finding.fingerprint());
      ObjectNode location = result.putArray("locations").addObject();
      ObjectNode physical = location.putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", finding.uri()); // a v3 YAML file too
      physical.putObject("region").put("startLine", finding.line());
      location
          .putArray("logicalLocations")
          .addObject()
          .put("fullyQualifiedName", finding.location())
          .put("kind", "member");
    }
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code NKV-AUTH-BASIC} reads {@code AuthBasic}: SARIF's rule name is an identifier. */
  private static String camelCase(Rule rule) {
    StringBuilder name = new StringBuilder();
    for (String word : rule.name().split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return name.toString();
  }
}
