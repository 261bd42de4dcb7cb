package io.newmankeyvault.cli;

import io.newmankeyvault.audit.Audit;
import io.newmankeyvault.audit.AuditFormat;
import io.newmankeyvault.audit.AuditOptions;
import io.newmankeyvault.audit.FailOn;
import io.newmankeyvault.base.UrlText;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.postman.PostmanRef;
import io.newmankeyvault.redact.Output;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code newman-keyvault audit}: find credentials stored in clear in collections and environments.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Finds credentials stored in clear in Postman collections (v2.x and v1) and environments:"
          + " secret-type and credential-named variables, auth blocks, credential headers and"
          + " parameters, credential-named fields of raw bodies and saved responses, and well-known"
          + " token shapes anywhere (scripts and saved responses included).",
      "References ({{name}}, {{vault:NAME}}, akv://, @Microsoft.KeyVault(...)), placeholders,"
          + " stand-ins such as PASSWORD, public data and code are never findings. A finding is high"
          + " when its value looks issued (a token, a key), medium when someone chose it (a"
          + " password). Findings show where and a fingerprint, never a value.",
      "With --key-vault or --secrets-file, every literal equal to a secret the documents"
          + " reference is reported as NKV-KNOWN-SECRET.",
      "A fingerprint names the rule, the document and the place, and nothing of the value, so"
          + " baselines and SARIF files can be shared. For a new value at a known place to be a"
          + " new finding, set NKV_AUDIT_FINGERPRINT_KEY to 32 or more random characters kept as a"
          + " CI secret: fingerprints are then an HMAC of the place and the value under that key."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # Two collections and an environment; SARIF for GitHub code scanning",
      "  newman-keyvault audit -c postman/users.json -c postman/orders.json \\",
      "    -e postman/staging.json --output sarif --output-file audit.sarif",
      "",
      "  # Also find pasted copies of the secrets the documents reference",
      "  newman-keyvault audit -c postman/api.json --key-vault kv-prod --auth github",
      "",
      "  # Adopt the audit on an old workspace: accept today's findings",
      "  newman-keyvault audit -c postman/api.json --write-baseline audit-baseline.json",
      "  newman-keyvault audit -c postman/api.json --baseline audit-baseline.json"
    })
final class AuditCommand implements Callable<Integer> {
  private final Output output;
  private final Map<String, String> environment;
  private final Services services;

  @Option(
      names = {"-c", "--collection"},
      paramLabel = "FILE|ID",
      description =
          "A Postman collection to audit: a file, or a Postman collection id or uid, alone or as"
              + " its Postman API URL. Repeatable. Default from NKV_COLLECTION.")
  List<String> collections = new ArrayList<>();

  @Option(
      names = {"-e", "--environment"},
      paramLabel = "FILE|ID",
      description =
          "A Postman environment to audit: a file, or a Postman environment id or uid, alone or"
              + " as its Postman API URL. Repeatable. Default from NKV_ENVIRONMENT.")
  List<String> environments = new ArrayList<>();

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "How to print the findings: ${COMPLETION-CANDIDATES}. Default ${DEFAULT-VALUE}.")
  AuditFormat format;

  @Option(
      names = "--output-file",
      paramLabel = "FILE",
      description =
          "Writes the findings to FILE instead of stdout (e.g.\u00a0audit.sarif for upload).")
  Path outputFile;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "high",
      description =
          "Exits 1 when a finding is at or above this severity: ${COMPLETION-CANDIDATES}."
              + " Default ${DEFAULT-VALUE}.")
  FailOn failOn;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "Accepts the findings whose fingerprints this file lists (see --write-baseline).")
  Path baseline;

  @Option(
      names = "--write-baseline",
      paramLabel = "FILE",
      description =
          "Writes the fingerprints of every current finding to FILE, to adopt the audit on an old"
              + " workspace; the audit then exits 0.")
  Path writeBaseline;

  @Option(
      names = "--entropy-threshold",
      paramLabel = "BITS",
      defaultValue = "4.0",
      description =
          "Bits of entropy per character over which a variable value of 20 or more characters"
              + " is reported as random-looking (low severity). Default ${DEFAULT-VALUE}.")
  double entropyThreshold;

  @Mixin PostmanApiOptions postman;

  @Mixin SecretSourceOptions secretSource;

  @Mixin NetworkOptions.ForDownloads network;

  @Mixin VerboseOption verbosity;

  AuditCommand(Output output, Map<String, String> environment, Services services) {
    this.output = output;
    this.environment = environment;
    this.services = services;
  }

  @Override
  public Integer call() {
    AuditOptions options = options();
    network.installTrust();
    return new Audit(output, environment, services.postmanRetries(), Version.current())
        .run(options);
  }

  AuditOptions options() {
    // First: a URL's apikey= or user part is masked before any text can hold it.
    for (List<String> documents : List.of(collections, environments)) {
      documents.forEach(text -> output.protectedValues().addAll(UrlText.credentialsIn(text)));
    }
    postman.protectCredentials(output.protectedValues());
    Proxies proxies = NetworkOptions.proxies(environment, output, verbosity.verbose);
    return new AuditOptions(
        collections.stream().map(PostmanRef::parse).toList(),
        environments.stream().map(PostmanRef::parse).toList(),
        postman.checkedUrl(),
        postman.postmanApiKeyFile,
        secretSource.choice(environment, proxies),
        proxies,
        secretSource.keyVault != null || secretSource.secretsFile != null,
        format,
        outputFile,
        failOn,
        baseline,
        writeBaseline,
        entropyThreshold,
        verbosity.verbose);
  }

  /**
   * Takes out of {@code audit} the options it shares with {@code run} through {@link
   * SecretSourceOptions} that only a run uses (the audit sends no request), so that its help lists
   * none and giving one is an unknown option.
   */
  static void dropRunOnlyOptions(CommandLine audit) {
    CommandSpec spec = audit.getCommandSpec();
    for (String name : List.of("--allowed-domains", "--require-allowed-domains")) {
      spec.remove(spec.findOption(name));
    }
  }
}
