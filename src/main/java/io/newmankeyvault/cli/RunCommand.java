package io.newmankeyvault.cli;

import io.newmankeyvault.UserFacingException;
import io.newmankeyvault.Version;
import io.newmankeyvault.hydrate.SecretOption;
import io.newmankeyvault.keyvault.AuthMode;
import io.newmankeyvault.keyvault.Clouds;
import io.newmankeyvault.keyvault.KeyVaultOptions;
import io.newmankeyvault.postman.PostmanApi;
import io.newmankeyvault.postman.PostmanRef;
import io.newmankeyvault.postman.RetryPolicy;
import io.newmankeyvault.redact.LibraryLog;
import io.newmankeyvault.redact.Output;
import io.newmankeyvault.run.OutputFormat;
import io.newmankeyvault.run.RunOptions;
import io.newmankeyvault.run.RunPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code newman-keyvault run}: hydrate the environment from secrets and run Newman. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Runs a collection with Newman, with every secret reference in the environment and the"
          + " collection resolved first: {{vault:NAME}}, akv://VAULT/SECRET[/VERSION],"
          + " @Microsoft.KeyVault(SecretUri=...) and @Microsoft.KeyVault(VaultName=...;SecretName=...).",
      "Options after '--' go to Newman as they are."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCodes.OK,
      ExitCodes.TESTS_FAILED,
      ExitCodes.USAGE,
      ExitCodes.POSTMAN,
      ExitCodes.SECRETS,
      ExitCodes.NEWMAN,
      ExitCodes.INTERNAL
    })
final class RunCommand implements Callable<Integer> {
  private final Output output;
  private final Map<String, String> environment;

  @Option(
      names = {"-c", "--collection"},
      paramLabel = "FILE|ID",
      description =
          "The Postman collection (v2.0 or v2.1): a file, or a Postman collection id or uid to"
              + " download (an existing file wins). Default from NKV_COLLECTION.")
  String collection;

  @Option(
      names = {"-e", "--environment"},
      paramLabel = "FILE|ID",
      description =
          "The Postman environment: a file, or a Postman environment id or uid; optional."
              + " Default from NKV_ENVIRONMENT.")
  String environmentRef;

  @Option(
      names = "--postman-api-key-file",
      paramLabel = "FILE",
      description =
          "A file holding the Postman API key, for downloads. Default: the POSTMAN_API_KEY"
              + " environment variable.")
  Path postmanApiKeyFile;

  @Option(names = "--postman-api-key", hidden = true, paramLabel = "KEY")
  String refusedPostmanApiKey;

  @Option(
      names = "--postman-api-url",
      paramLabel = "URL",
      defaultValue = PostmanApi.DEFAULT_URL,
      description =
          "The Postman API (https; http only to loopback hosts); EU-region teams use"
              + " https://api.eu.postman.com. Default from POSTMAN_API_URL, else ${DEFAULT-VALUE}.")
  String postmanApiUrl;

  @Option(
      names = "--key-vault",
      paramLabel = "NAME|URL",
      description =
          "The default vault for {{vault:NAME}} references: a vault name, host or https URL."
              + " Default from NKV_KEY_VAULT.")
  String keyVault;

  @Option(
      names = "--key-vault-suffix",
      paramLabel = "SUFFIX[:PORT]",
      description =
          "How a vault name becomes a host (NAME.SUFFIX). Default from NKV_KEY_VAULT_SUFFIX,"
              + " else vault.azure.net.")
  String keyVaultSuffix;

  @Option(
      names = "--auth",
      paramLabel = "MODE",
      defaultValue = "auto",
      description =
          "How to sign in to Azure: auto, github, azure-pipelines, workload-identity,"
              + " managed-identity, azure-cli, environment. Default from NKV_AUTH, else"
              + " ${DEFAULT-VALUE}.")
  String auth;

  @Option(
      names = "--tenant-id",
      paramLabel = "ID",
      description = "The Entra tenant to sign in to. Default from AZURE_TENANT_ID.")
  String tenantId;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description =
          "The app registration (or user-assigned managed identity) to sign in as. Default from"
              + " AZURE_CLIENT_ID.")
  String clientId;

  @Option(
      names = "--service-connection-id",
      paramLabel = "ID",
      description =
          "The Azure Pipelines service connection (workload identity federation). Default from"
              + " AZURESUBSCRIPTION_SERVICE_CONNECTION_ID.")
  String serviceConnectionId;

  @Option(
      names = "--authority-host",
      paramLabel = "URL",
      description =
          "The Entra authority for sovereign clouds, e.g. https://login.chinacloudapi.cn. Default"
              + " from AZURE_AUTHORITY_HOST, else https://login.microsoftonline.com.")
  String authorityHost;

  @Option(
      names = "--audience",
      paramLabel = "AUDIENCE",
      defaultValue = KeyVaultOptions.DEFAULT_AUDIENCE,
      description = "The audience of GitHub OIDC tokens. Default ${DEFAULT-VALUE}.")
  String audience;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "8",
      description = "How many secrets are read from Key Vault at once. Default ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(
      names = "--secret",
      paramLabel = "VAR=REFERENCE",
      description =
          "Sets environment variable VAR from a reference (akv://..., @Microsoft.KeyVault(...) or"
              + " {{vault:NAME}}). Repeatable. Default: the lines of NKV_SECRETS.")
  List<String> secrets = new ArrayList<>();

  @Option(
      names = "--map",
      paramLabel = "NAME=SECRET",
      description =
          "Reads {{vault:NAME}} from Key Vault secret SECRET instead of the name derived from"
              + " NAME. Repeatable. Default: the lines of NKV_MAP.")
  List<String> maps = new ArrayList<>();

  @Option(
      names = "--secrets-file",
      paramLabel = "FILE",
      description =
          "A local stand-in for Key Vault: SECRET-NAME=value lines (values may be double-quoted"
              + " with \\n escapes). Default from NKV_SECRETS_FILE.")
  Path secretsFile;

  @Option(
      names = "--newman",
      paramLabel = "COMMAND",
      defaultValue = "newman",
      description =
          "The command that starts Newman, split at spaces. Default from NKV_NEWMAN, else"
              + " ${DEFAULT-VALUE}.")
  String newman;

  @Option(
      names = "--reports-dir",
      paramLabel = "DIR",
      description =
          "Where the reports of file reporters (--reporters after '--') are written."
              + " Default from NKV_REPORTS_DIR.")
  Path reportsDir;

  @Option(
      names = "--dry-run",
      description =
          "Prints the plan (variable, vault, secret, readable or not) without any value, and"
              + " does not run Newman. Default from NKV_DRY_RUN (true or false).")
  boolean dryRun;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "How a dry run prints its plan: ${COMPLETION-CANDIDATES}. Default ${DEFAULT-VALUE}.")
  OutputFormat outputFormat;

  @Option(names = "--verbose", description = "Prints stack traces with errors.")
  boolean verbose;

  @Parameters(
      paramLabel = "NEWMAN-OPTION",
      description = "Options for 'newman run', after '--' (e.g. -- --reporters cli,junit).")
  List<String> newmanArgs = new ArrayList<>();

  @Spec CommandSpec spec;

  RunCommand(Output output, Map<String, String> environment) {
    this.output = output;
    this.environment = environment;
  }

  @Override
  public Integer call() {
    RunOptions options = options();
    LibraryLog.sendTo(verbose ? output::libraryLog : null);
    try {
      return new RunPipeline(output, environment, RetryPolicy.DEFAULT, Version.current())
          .run(options);
    } finally {
      LibraryLog.sendTo(null);
    }
  }

  RunOptions options() {
    if (!newmanArgs.isEmpty() && !spec.commandLine().getParseResult().originalArgs().contains("--")) {
      // Never echoed: a stray word may be a value pasted in the wrong place.
      throw UserFacingException.usage(
          "unexpected argument: options for Newman go after '--' (see 'newman-keyvault run --help')");
    }
    if (refusedPostmanApiKey != null) {
      // The value is never echoed, and never used.
      throw UserFacingException.usage(
          "--postman-api-key is refused: a key on the command line is visible to every process on"
              + " the machine (ps, /proc); set POSTMAN_API_KEY or use --postman-api-key-file");
    }
    List<SecretOption> secretOptions = new ArrayList<>();
    for (String secret : secrets.isEmpty() ? lines("NKV_SECRETS") : secrets) {
      String[] pair = split(secret, "--secret", "VAR=REFERENCE");
      secretOptions.add(new SecretOption(pair[0], pair[1]));
    }
    Map<String, String> nameMap = new LinkedHashMap<>();
    for (String map : maps.isEmpty() ? lines("NKV_MAP") : maps) {
      String[] pair = split(map, "--map", "NAME=SECRET");
      if (nameMap.put(pair[0], pair[1]) != null) {
        throw UserFacingException.usage("--map maps '" + pair[0] + "' twice: keep one");
      }
    }
    AuthMode authMode = AuthMode.fromOption(auth);
    if (authMode == null) {
      throw UserFacingException.usage(
          "--auth '"
              + auth
              + "' is not a sign-in mode: use auto, github, azure-pipelines, workload-identity,"
              + " managed-identity, azure-cli or environment");
    }
    if (parallelism < 1 || parallelism > 64) {
      throw UserFacingException.usage("--parallelism must be between 1 and 64");
    }
    String authority = authorityHost == null ? Clouds.PUBLIC_AUTHORITY : authorityHost.strip();
    if (!authority.startsWith("https://")) {
      throw UserFacingException.usage("--authority-host must be an https URL, e.g. " + Clouds.PUBLIC_AUTHORITY);
    }
    return new RunOptions(
        collection == null ? null : PostmanRef.parse(collection),
        environmentRef == null ? null : PostmanRef.parse(environmentRef),
        PostmanApi.checkBaseUrl(postmanApiUrl),
        postmanApiKeyFile,
        keyVault,
        keyVaultSuffix,
        secretOptions,
        nameMap,
        secretsFile,
        new RunOptions.SignInOptions(
            authMode, blankToNull(tenantId), blankToNull(clientId), blankToNull(serviceConnectionId),
            authority, audience, parallelism),
        Arrays.asList(newman.strip().split("\\s+")),
        reportsDir,
        dryRun,
        outputFormat,
        verbose,
        newmanArgs);
  }

  /** Splits KEY=VALUE at the first '='; the error never echoes the value. */
  private static String[] split(String option, String name, String shape) {
    int eq = option.indexOf('=');
    if (eq <= 0) {
      throw UserFacingException.usage(name + " expects " + shape + " (with '=')");
    }
    return new String[] {option.substring(0, eq), option.substring(eq + 1)};
  }

  /**
   * The non-blank, non-comment lines of a multi-line environment variable: how the GitHub Action
   * passes its {@code secrets} and {@code map} inputs.
   */
  private List<String> lines(String variable) {
    String value = environment.get(variable);
    if (value == null) {
      return List.of();
    }
    return value.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  boolean verbose() {
    return verbose;
  }
}
