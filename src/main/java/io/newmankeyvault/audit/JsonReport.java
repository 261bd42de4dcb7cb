package io.newmankeyvault.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;

/** {@code --output json}: the documents, the findings and the counts, for scripts. */
final class JsonReport {
  private JsonReport() {}

  static String render(AuditReport report, String version) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("tool", "newman-keyvault");
    root.put("version", version);
    ArrayNode documents = root.putArray("documents");
    for (Document document : report.documents()) {
      documents
          .addObject()
          .put("kind", document.kind().name().toLowerCase(java.util.Locale.ROOT))
          .put("name", document.name())
          .put("uri", document.uri());
    }
    ArrayNode findings = root.putArray("findings");
    for (Finding finding : report.findings()) {
      ObjectNode one =
          findings
              .addObject()
              .put("ruleId", finding.rule().id())
              .put("severity", finding.severity().label())
              .put("document", finding.document().uri())
              .put("location", finding.location());
      if (finding.file() != null) { // a v3 collection folder: the YAML file, relative to it
        one.put("file", finding.file());
      }
      one.put("line", finding.line())
          .put("fingerprint", finding.fingerprint())
          .put("message", finding.rule().description() + ". " + finding.rule().help());
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("high", report.count(Severity.HIGH));
    summary.put("medium", report.count(Severity.MEDIUM));
    summary.put("low", report.count(Severity.LOW));
    summary.put("suppressed", report.suppressed());
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
