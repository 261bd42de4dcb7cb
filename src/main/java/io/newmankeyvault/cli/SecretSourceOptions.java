package io.newmankeyvault.cli;

import io.newmankeyvault.base.UrlText;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.hydrate.AllowedDomains;
import io.newmankeyvault.hydrate.SecretSourceChoice;
import io.newmankeyvault.keyvault.AuthMode;
import io.newmankeyvault.keyvault.KeyVaultOptions;
import io.newmankeyvault.keyvault.KeyVaultSecretSource;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.reference.Clouds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where secrets come from and how to sign in to Azure: the options {@code run} and {@code audit}
 * share (a picocli mixin).
 */
final class SecretSourceOptions {
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
      names = "--service-connection",
      paramLabel = "NAME",
      description =
          "The Azure Pipelines service connection (workload identity federation) by name, as"
              + " AzureCLI@2 takes it: its id, client id and tenant id are looked up in Azure"
              + " DevOps with SYSTEM_ACCESSTOKEN. Default from NKV_SERVICE_CONNECTION.")
  String serviceConnection;

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
      description =
          "How many secrets are read from Key Vault at once, 1\u00a0to\u00a064. Default ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(
      names = "--map",
      paramLabel = "NAME=SECRET",
      description =
          "Reads {{vault:NAME}} from Key Vault secret SECRET instead of the name derived from"
              + " NAME. Repeatable. Default: the lines of NKV_MAP.")
  List<String> maps = new ArrayList<>();

  @Option(
      names = "--allowed-domains",
      paramLabel = "SECRET=PATTERN[,PATTERN...]",
      description =
          "Sends the {{vault:}} secret SECRET (its Key Vault name) only in requests to these"
              + " domains, as Postman Vault does; elsewhere it stays unresolved. Repeatable."
              + " Default: the lines of NKV_ALLOWED_DOMAINS.")
  List<String> allowedDomains = new ArrayList<>();

  @Option(
      names = "--require-allowed-domains",
      description =
          "Refuses to run (exit 4) while a {{vault:}} secret has no allowed domains, from"
              + " --allowed-domains or its Key Vault tag allowed-domains. Default from"
              + " NKV_REQUIRE_ALLOWED_DOMAINS (true or false).")
  boolean requireAllowedDomains;

  @Option(
      names = "--secrets-file",
      paramLabel = "FILE",
      description =
          "A local stand-in for Key Vault: SECRET-NAME=value lines (values may be double-quoted"
              + " with \\n escapes). Default from NKV_SECRETS_FILE.")
  Path secretsFile;

  /** The {@code --map} options (else the lines of NKV_MAP), checked. */
  private Map<String, String> nameMap(Map<String, String> environment) {
    Map<String, String> nameMap = new LinkedHashMap<>();
    for (String map : maps.isEmpty() ? lines(environment, "NKV_MAP") : maps) {
      String[] pair = split(map, "--map", "NAME=SECRET");
      if (nameMap.put(pair[0], pair[1]) != null) {
        throw UserFacingException.usage("--map maps '" + pair[0] + "' twice: keep one");
      }
    }
    return nameMap;
  }

  /**
   * The {@code --allowed-domains} options (else the lines of NKV_ALLOWED_DOMAINS), by Key Vault
   * secret name, checked.
   */
  Map<String, List<String>> allowedDomains(Map<String, String> environment) {
    Map<String, List<String>> bySecret = new LinkedHashMap<>();
    for (String option :
        allowedDomains.isEmpty() ? lines(environment, "NKV_ALLOWED_DOMAINS") : allowedDomains) {
      String[] pair = split(option, "--allowed-domains", "SECRET=PATTERN[,PATTERN...]");
      List<String> patterns = new ArrayList<>();
      for (String pattern : pair[1].split(",")) {
        String stripped = pattern.strip();
        if (stripped.isEmpty() || stripped.chars().anyMatch(Character::isWhitespace)) {
          throw UserFacingException.usage(
              "--allowed-domains "
                  + pair[0]
                  + ": each pattern is a host (api.example.com, *.example.com), optionally with a"
                  + " scheme and a port (https://api.example.com:8443), separated by commas");
        }
        String problem = AllowedDomains.problemWith(stripped);
        if (problem != null) {
          throw UserFacingException.usage(
              "--allowed-domains "
                  + pair[0].strip()
                  + ": pattern '"
                  + stripped
                  + "' "
                  + problem
                  + " (a pattern is a host such as api.example.com or *.example.com, optionally"
                  + " with a scheme and a port: https://api.example.com:8443)");
        }
        patterns.add(stripped);
      }
      if (bySecret.put(pair[0].strip(), List.copyOf(patterns)) != null) {
        throw UserFacingException.usage(
            "--allowed-domains names secret '" + pair[0].strip() + "' twice: keep one");
      }
    }
    return bySecret;
  }

  /**
   * Where the command reads secrets from: {@code --map}, then the sign-in options, checked in that
   * order; Key Vault is opened only when a plan needs it.
   */
  SecretSourceChoice choice(Map<String, String> environment, Proxies proxies) {
    Map<String, String> nameMap = nameMap(environment);
    KeyVaultOptions signIn = signIn(environment, proxies);
    return new SecretSourceChoice(
        keyVault,
        keyVaultSuffix,
        signIn.authorityHost(),
        nameMap,
        secretsFile,
        signIn.clientId(),
        protect -> new KeyVaultSecretSource(signIn, protect));
  }

  /** The sign-in and read options, checked; the SDK reads its settings from {@code environment}. */
  KeyVaultOptions signIn(Map<String, String> environment, Proxies proxies) {
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
      throw UserFacingException.usage(
          "--authority-host must be an https URL, e.g. " + Clouds.PUBLIC_AUTHORITY);
    }
    if (UrlText.parse(authority)
        .filter(url -> url.userInfo() != null || url.query() != null || url.fragment() != null)
        .isPresent()) {
      // Never quoted: what it carries may be a credential.
      throw UserFacingException.usage(
          "--authority-host must not carry credentials, a query or a fragment");
    }
    return new KeyVaultOptions(
        authMode,
        blankToNull(tenantId),
        blankToNull(clientId),
        blankToNull(serviceConnectionId),
        blankToNull(serviceConnection),
        authority,
        audience,
        parallelism,
        KeyVaultOptions.DEFAULT_DEADLINE,
        proxies,
        environment);
  }

  /** Splits KEY=VALUE at the first '='; the error never echoes the value. */
  static String[] split(String option, String name, String shape) {
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
  static List<String> lines(Map<String, String> environment, String variable) {
    String value = environment.get(variable);
    if (value == null) {
      return List.of();
    }
    return value
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
