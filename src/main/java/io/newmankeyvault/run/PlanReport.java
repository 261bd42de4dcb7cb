package io.newmankeyvault.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.ci.RunSummary;
import io.newmankeyvault.hydrate.AllowedDomains;
import io.newmankeyvault.hydrate.Binding;
import io.newmankeyvault.hydrate.Resolution;
import io.newmankeyvault.hydrate.ScriptAccess;
import io.newmankeyvault.reference.SecretId;
import io.newmankeyvault.reports.NewmanResults;
import io.newmankeyvault.secrets.SecretLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dry run's plan: each variable (and {@code --client-cert} host pattern), its reference, vault
 * and secret, a {@code {{vault:}}} secret's allowed domains and where they came from, whether the
 * secret could be read, and a client certificate's subject and expiry. It prints names and outcomes
 * only, never a value or a value's length.
 */
final class PlanReport {
  private static final String[] HEADERS = {
    "VARIABLE", "FROM", "REFERENCE", "VAULT", "SECRET", "ALLOWED DOMAINS", "STATUS"
  };

  private PlanReport() {}

  /** What a dry run prints: the plan as text or JSON, and the shards when the run splits. */
  static String dryRun(
      Resolution resolution, String source, RunOptions options, Path collection, int width) {
    Sharding sharding = options.sharding();
    if (options.output() == OutputFormat.json) {
      String json =
          json(
              resolution,
              source,
              options.secrets().allowedDomains(),
              options.secrets().scriptAccess());
      return sharding.splits() ? sharding.addTo(json, collection) : json;
    }
    String runner =
        options.runner().choice().kindFor(options.documents().collection())
                == RunnerChoice.Kind.POSTMAN_CLI
            ? "the Postman CLI"
            : "Newman";
    return text(
            resolution,
            source,
            options.secrets().allowedDomains(),
            options.secrets().scriptAccess(),
            width,
            runner)
        + (sharding.splits() ? sharding.describe(collection, width) : "");
  }

  /**
   * The plan as a table within {@code width} (see {@link PlanTable}), the secrets scripts may read
   * through {@code pm.vault}, and a closing summary line.
   *
   * @param scriptAccess the {@code --script-access} options
   * @param runner the runner that a run would start, for the summary line
   */
  static String text(
      Resolution resolution,
      String source,
      Map<String, List<String>> options,
      List<String> scriptAccess,
      int width,
      String runner) {
    Map<SecretId, AllowedDomains> domains = AllowedDomains.bySecret(resolution, options);
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (Binding binding : resolution.plan().bindings()) {
      SecretId id = binding.reference().secret();
      rows.add(
          new String[] {
            binding.variable(),
            resolution.plan().from(binding),
            binding.reference().written(),
            id.vaultLabel(),
            id.nameAndVersion(),
            domains(domains, binding),
            status(resolution, binding)
          });
    }
    StringBuilder text = new StringBuilder(PlanTable.render(rows, width));
    List<String> readable = ScriptAccess.readableNames(resolution, scriptAccess);
    if (!readable.isEmpty()) {
      text.append(
          PlanTable.paragraph(
              "scripts may read through pm.vault: " + String.join(", ", readable), width));
    }
    int secrets = resolution.plan().secrets().size();
    int failed = resolution.failures().size();
    // One line whatever the width, for scripts that look for it.
    text.append(
        String.format(
            "%d variable%s from %d secret%s in %s: %s; %s was not run (dry run)%n",
            resolution.plan().bindings().size(),
            resolution.plan().bindings().size() == 1 ? "" : "s",
            secrets,
            secrets == 1 ? "" : "s",
            source,
            failed == 0 ? "all readable" : failed + " not readable",
            runner));
    return text.toString();
  }

  /** The plan as one JSON document, with each vault secret's script access. */
  static String json(
      Resolution resolution,
      String source,
      Map<String, List<String>> options,
      List<String> scriptAccess) {
    Map<SecretId, AllowedDomains> domains = AllowedDomains.bySecret(resolution, options);
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("dryRun", true);
    root.put("source", source);
    ArrayNode variables = root.putArray("variables");
    for (Binding binding : resolution.plan().bindings()) {
      SecretId id = binding.reference().secret();
      SecretLookup lookup = resolution.lookup(id);
      ObjectNode row = variables.addObject();
      row.put("variable", binding.variable());
      row.put("origin", resolution.plan().from(binding));
      if (binding.origin() == Binding.Origin.POSTMAN_VAULT) {
        row.put("scriptAccess", ScriptAccess.allows(resolution, binding, scriptAccess));
      }
      row.put("reference", binding.reference().written());
      row.put("vault", id.vault());
      row.put("secret", id.name());
      row.put("version", id.version());
      AllowedDomains allowed = domains.get(id);
      if (binding.origin() != Binding.Origin.CLIENT_CERTIFICATE && allowed != null) {
        ArrayNode patterns = row.putArray("allowedDomains");
        allowed.patterns().forEach(patterns::add);
        row.put("allowedDomainsFrom", allowed.source().label());
      }
      row.put("readable", lookup instanceof SecretLookup.Found);
      if (lookup instanceof SecretLookup.Found found) {
        row.put("readVersion", found.version());
        row.put("expires", found.expires() == null ? null : found.expires().toString());
      } else if (lookup instanceof SecretLookup.Failed failed) {
        row.put("reason", failed.reason());
      }
      if (binding.origin() == Binding.Origin.CLIENT_CERTIFICATE) {
        resolution
            .clientCertificate(binding.variable())
            .ifPresent(
                certificate -> {
                  row.put("subject", certificate.subject());
                  row.put("certificateExpires", certificate.notAfter().toString());
                });
        resolution
            .unusableCertificate(binding.variable())
            .ifPresent(
                reason -> {
                  row.put("readable", false);
                  row.put("reason", "is not a usable client certificate: " + reason);
                });
      }
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("variables", resolution.plan().bindings().size());
    summary.put("secrets", resolution.plan().secrets().size());
    summary.put("unreadable", resolution.failures().size());
    root.put("ok", resolution.failures().isEmpty());
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)
          + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the plan", e);
    }
  }

  /**
   * The plan and results as a CI summary shows them: names and outcomes, no values.
   *
   * @param source what the Vault column names instead of each reference's vault (the secrets file),
   *     or null for the vaults
   */
  static RunSummary summary(
      String collection,
      Resolution resolution,
      Map<String, List<String>> options,
      String source,
      NewmanResults results,
      int exitCode) {
    Map<SecretId, AllowedDomains> domains = AllowedDomains.bySecret(resolution, options);
    List<RunSummary.Variable> variables = new ArrayList<>();
    for (Binding binding : resolution.plan().bindings()) {
      SecretId id = binding.reference().secret();
      variables.add(
          new RunSummary.Variable(
              binding.variable(),
              source != null ? source : id.vaultLabel(),
              id.nameAndVersion(),
              domains(domains, binding),
              status(resolution, binding)));
    }
    return new RunSummary(
        collection.isEmpty() ? "collection" : collection, variables, results, exitCode);
  }

  /**
   * What a run is about to do, in one line before Newman's first: how many variables from how many
   * secrets, from where (the vaults, how the run signed in and as which client), whether every
   * value is masked, and which Newman starts. Never a value.
   */
  static String announcement(Resolution resolution, String source, String clientId, String newman) {
    long variables =
        resolution.plan().bindings().stream()
            .filter(binding -> binding.origin() != Binding.Origin.CLIENT_CERTIFICATE)
            .count();
    long certificates = resolution.plan().bindings().size() - variables;
    int secrets = resolution.plan().secrets().size();
    if (secrets == 0) {
      return "no secret references found; starting " + newman;
    }
    List<String> vaults =
        resolution.plan().secrets().stream()
            .map(SecretId::vault)
            .filter(vault -> vault != null)
            .distinct()
            .sorted()
            .toList();
    String signIn = source.replaceFirst("^Azure Key Vault \\((.*)\\)$", "$1");
    String from =
        source.startsWith("secrets file")
            ? " (" + source + ")"
            : " in "
                + (vaults.size() == 1 ? "vault " : "vaults ")
                + String.join(", ", vaults)
                + " ("
                + signIn
                + (clientId == null ? "" : ", client " + clientId)
                + ")";
    int unmasked = resolution.unprotectable().size();
    return variables
        + (variables == 1 ? " variable" : " variables")
        + (certificates == 0
            ? ""
            : " and "
                + certificates
                + (certificates == 1 ? " client certificate" : " client certificates"))
        + " from "
        + secrets
        + (secrets == 1 ? " secret" : " secrets")
        + from
        + ", "
        + (unmasked == 0 ? "all masked" : unmasked + " too short to mask")
        + "; starting "
        + newman;
  }

  /**
   * A secret's allowed domains, whatever reference reads it; "-" for a client certificate (it goes
   * to its own hosts only).
   */
  private static String domains(Map<SecretId, AllowedDomains> domains, Binding binding) {
    AllowedDomains allowed = domains.get(binding.reference().secret());
    return binding.origin() != Binding.Origin.CLIENT_CERTIFICATE && allowed != null
        ? allowed.describe()
        : "-";
  }

  private static String status(Resolution resolution, Binding binding) {
    SecretLookup lookup = resolution.lookup(binding.reference().secret());
    if (binding.origin() != Binding.Origin.CLIENT_CERTIFICATE
        || !(lookup instanceof SecretLookup.Found)) {
      return status(lookup);
    }
    return resolution
        .clientCertificate(binding.variable())
        .map(certificate -> "ok (" + certificate.describe() + ")")
        .orElseGet(
            () ->
                "FAILED: is not a usable client certificate: "
                    + resolution.unusableCertificate(binding.variable()).orElse(""));
  }

  private static String status(SecretLookup lookup) {
    if (lookup instanceof SecretLookup.Found found) {
      List<String> facts = new ArrayList<>();
      if (found.version() != null) {
        facts.add("version " + found.version());
      }
      if (found.expires() != null) {
        facts.add("expires " + found.expires());
      }
      return facts.isEmpty() ? "ok" : "ok (enabled, " + String.join(", ", facts) + ")";
    }
    return "FAILED: " + ((SecretLookup.Failed) lookup).reason();
  }
}
