package io.newmankeyvault.cli;

import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.hydrate.ClientCertOption;
import io.newmankeyvault.hydrate.SecretOption;
import io.newmankeyvault.hydrate.SecretSourceChoice;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.newman.RunnerArguments;
import io.newmankeyvault.newman.WarmStartOptions;
import io.newmankeyvault.redact.Output;
import io.newmankeyvault.run.OutputFormat;
import io.newmankeyvault.run.RunOptions;
import io.newmankeyvault.run.RunPipeline;
import io.newmankeyvault.run.Sharding;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newman-keyvault run}: hydrate the environment from secrets and run Newman. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Runs a collection with Newman (or a Postman v12 v3 folder with the Postman CLI), with every"
          + " secret reference in the environment and the collection resolved first: {{vault:NAME}},"
          + " akv://VAULT/SECRET[/VERSION], @Microsoft.KeyVault(SecretUri=...) and"
          + " @Microsoft.KeyVault(VaultName=...;SecretName=...).",
      "Options after '--' go to the runner: to Newman as they are, to the Postman CLI when they are"
          + " its own."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # The bundled demo: secrets from a local file, no Azure and no network",
      "  newman-keyvault run -c test-fixtures/demo/collection.json \\",
      "    -e test-fixtures/demo/environment.json \\",
      "    --secrets-file test-fixtures/demo/demo.secrets",
      "",
      "  # GitHub Actions, signing in with OIDC (permissions: id-token: write)",
      "  newman-keyvault run -c postman/api.json -e postman/staging.json \\",
      "    --key-vault kv-prod --auth github \\",
      "    --client-id \"$AZURE_CLIENT_ID\" --tenant-id \"$AZURE_TENANT_ID\" \\",
      "    -- --reporters cli,junit",
      "",
      "  # Collection and environment downloaded by id (POSTMAN_API_KEY set)",
      "  newman-keyvault run -c 12345-6789abcd-0000-4000-8000-000000000001 \\",
      "    -e 12345-6789abcd-0000-4000-8000-000000000002 --key-vault kv-prod",
      "",
      "  # A dry run: the plan as JSON; nothing is sent and no value printed",
      "  newman-keyvault run -c postman/api.json --key-vault kv-prod \\",
      "    --dry-run --output json"
    })
final class RunCommand implements Callable<Integer> {
  private final Output output;
  private final Map<String, String> environment;
  private final Services services;

  @Mixin DocumentOptions documents;

  @Mixin PostmanApiOptions postman;

  @Mixin SecretSourceOptions secretSource;

  @Mixin NetworkOptions.ForRun network;

  @Option(
      names = "--secret",
      paramLabel = "VAR=REFERENCE",
      converter = PairConverters.Secret.class,
      description =
          "Sets environment variable VAR from a reference (akv://..., @Microsoft.KeyVault(...) or"
              + " {{vault:NAME}}). Repeatable. Default: the lines of NKV_SECRETS.")
  List<SecretOption> secrets = new ArrayList<>();

  @Option(
      names = {"-g", "--globals"},
      paramLabel = "FILE",
      description =
          "A Postman globals file: its references (and Postman v12 secure variables) are read"
              + " like the environment's, and Newman gets it as its globals. Default from"
              + " NKV_GLOBALS.")
  Path globals;

  @Option(
      names = "--script-access",
      paramLabel = "SECRET",
      description =
          "Lets scripts read the {{vault:}} secret or secure variable whose Key Vault secret is"
              + " SECRET through pm.vault.get (as Postman's vault does when scripts may use it);"
              + " scripts get nothing from other secrets. Repeatable. Default: the lines of"
              + " NKV_SCRIPT_ACCESS.")
  List<String> scriptAccess = new ArrayList<>();

  @Option(
      names = "--client-cert",
      paramLabel = "HOST_PATTERN=REFERENCE",
      converter = PairConverters.ClientCert.class,
      description =
          "Sends a client certificate from Key Vault (akv://VAULT/CERTIFICATE-NAME: the"
              + " certificate's secret, PKCS#12 or PEM) to hosts matching HOST_PATTERN (HOST[:PORT],"
              + " *.DOMAIN, or a URL pattern) for mutual TLS. Repeatable. Default: the lines of"
              + " NKV_CLIENT_CERTS.")
  List<ClientCertOption> clientCerts = new ArrayList<>();

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      description =
          "Runs shard K of N: the collection's top-level folders and requests dealt to N shards"
              + " balanced by request count, the same way on every leg of a CI matrix. Default"
              + " from NKV_SHARD.")
  String shard;

  @Mixin RunnerOptions runners;

  @Option(
      names = "--reports-dir",
      paramLabel = "DIR",
      description =
          "Where the reports of file reporters (--reporters after '--') are written."
              + " Default from NKV_REPORTS_DIR.")
  Path reportsDir;

  @Option(
      names = WarmStartOptions.DRY_RUN,
      description =
          "Prints the plan (variable, vault, secret, readable or not) without any value, and"
              + " does not run Newman. Default from NKV_DRY_RUN (true or false).")
  boolean dryRun;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "How a dry run prints its plan: ${COMPLETION-CANDIDATES}. Default ${DEFAULT-VALUE}.")
  OutputFormat outputFormat;

  @Mixin VerboseOption verbosity;

  @Parameters(
      paramLabel = "NEWMAN-OPTION",
      // No-break spaces keep the example on one line (HelpLayout prints them as spaces).
      description =
          "Options for 'newman run' (or 'postman collection run'), after '--'"
              + " (e.g.\u00a0--\u00a0--reporters\u00a0cli,junit).")
  List<String> newmanArgs = new ArrayList<>();

  @Spec CommandSpec spec;

  RunCommand(Output output, Map<String, String> environment, Services services) {
    this.output = output;
    this.environment = environment;
    this.services = services;
  }

  @Override
  public Integer call() {
    RunOptions options = options();
    return new RunPipeline(
            output,
            environment,
            services.postmanRetries(),
            Version.current(),
            services.shutdownHooks(),
            services.warmNewman())
        .run(options);
  }

  RunOptions options() {
    documents.protectCredentials(output.protectedValues());
    postman.protectCredentials(output.protectedValues());
    if (!newmanArgs.isEmpty()
        && !spec.commandLine().getParseResult().originalArgs().contains("--")) {
      // Never echoed: a stray word may be a value pasted in the wrong place.
      throw UserFacingException.usage(
          "unexpected argument: options for Newman go after '--' (see 'newman-keyvault run --help')");
    }
    URI postmanApiUrl = postman.checkedUrl();
    Proxies proxies = NetworkOptions.proxies(environment, output, verbosity.verbose);
    List<SecretOption> secretOptions =
        PairConverters.orLines(secrets, environment, "NKV_SECRETS", PairConverters::secret);
    List<ClientCertOption> clientCertOptions =
        PairConverters.orLines(
            clientCerts, environment, "NKV_CLIENT_CERTS", PairConverters::clientCert);
    SecretSourceChoice choice = secretSource.choice(environment, proxies);
    // Built in the order the options were always checked in, so the first error stays the same.
    return new RunOptions(
        new RunOptions.Documents(
            documents.collection(),
            documents.environment(),
            globals,
            postmanApiUrl,
            postman.postmanApiKeyFile),
        new RunOptions.Secrets(
            choice,
            secretOptions,
            secretSource.allowedDomains(environment),
            secretSource.requireAllowedDomains,
            scriptAccess(),
            clientCertOptions),
        new RunOptions.Network(network.installTrust(), proxies),
        Sharding.parse(shard),
        new RunOptions.RunnerSetup(
            runners.newman(),
            runners.choice(),
            runners.newmanEnvironment(environment),
            new RunnerArguments(newmanArgs),
            reportsDir),
        dryRun,
        outputFormat,
        verbosity.verbose);
  }

  /** The {@code --script-access} options (else the lines of NKV_SCRIPT_ACCESS), distinct. */
  private List<String> scriptAccess() {
    List<String> names = new ArrayList<>();
    for (String name :
        scriptAccess.isEmpty()
            ? SecretSourceOptions.lines(environment, "NKV_SCRIPT_ACCESS")
            : scriptAccess) {
      String stripped = name.strip();
      if (stripped.isEmpty() || stripped.contains("=")) {
        throw UserFacingException.usage(
            "--script-access takes one Key Vault secret name, e.g. --script-access api-token");
      }
      if (!names.contains(stripped)) {
        names.add(stripped);
      }
    }
    return names;
  }
}
