package io.newmankeyvault.keyvault;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.AzurePipelinesCredentialBuilder;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.reference.Clouds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The credential for one {@code --auth} mode, and what a failed sign-in needs to be explained: the
 * mode actually used, and a way to read the claims of the OIDC token that was presented.
 */
final class SignIn {
  /**
   * Retries of a token request. A refused sign-in (AADSTS...) does not get better by asking again;
   * one retry covers a blip without making every failure wait through the SDK's default three.
   */
  private static final int RETRIES = 1;

  private final AuthMode mode;
  private final TokenCredential credential;
  private final KeyVaultOptions options;
  private final Consumer<String> protect;
  private final OidcTokens.GitHub gitHubTokens;

  private SignIn(
      AuthMode mode,
      TokenCredential credential,
      KeyVaultOptions options,
      Consumer<String> protect,
      OidcTokens.GitHub gitHubTokens) {
    this.mode = mode;
    this.credential = new ProtectingCredential(credential, protect);
    this.options = options;
    this.protect = protect;
    this.gitHubTokens = gitHubTokens;
  }

  TokenCredential credential() {
    return credential;
  }

  /** The mode in use: {@code auto} resolved to what the environment offers (null: SDK chain). */
  AuthMode mode() {
    return mode;
  }

  KeyVaultOptions options() {
    return options;
  }

  /**
   * Builds the credential. Missing CI variables and ids fail here, with what to add to the
   * workflow; nothing is sent yet.
   */
  static SignIn create(KeyVaultOptions options, HttpClient http, Consumer<String> protect) {
    AuthMode mode = options.auth() == AuthMode.AUTO ? detect(options) : options.auth();
    Configuration configuration = configurationOf(options.environment());
    if (options.serviceConnection() != null && mode != AuthMode.AZURE_PIPELINES) {
      throw UserFacingException.usage(
          "--service-connection names an Azure Pipelines service connection: it needs --auth"
              + " azure-pipelines (or auto inside a pipeline job), not --auth "
              + (mode == null ? "auto" : mode.optionValue()));
    }
    if (mode == null) {
      return new SignIn(null, defaultChain(options, http, configuration), options, protect, null);
    }
    return switch (mode) {
      case GITHUB -> gitHub(options, http, protect, configuration);
      case AZURE_PIPELINES -> {
        KeyVaultOptions pipelines = ServiceConnections.forPipelines(options, protect);
        requireIds(pipelines, "azure-pipelines");
        AzurePipelinesCredentialBuilder builder =
            app(new AzurePipelinesCredentialBuilder(), pipelines, http, configuration)
                .systemAccessToken(pipelines.variable("SYSTEM_ACCESSTOKEN"))
                .serviceConnectionId(pipelines.serviceConnectionId());
        yield new SignIn(mode, builder.build(), pipelines, protect, null);
      }
      case WORKLOAD_IDENTITY -> {
        String tokenFile = options.variable("AZURE_FEDERATED_TOKEN_FILE");
        if (tokenFile == null) {
          throw OidcTokens.signInFailure(
              "--auth workload-identity needs AZURE_FEDERATED_TOKEN_FILE (the projected service"
                  + " account token) to be set");
        }
        requireIds(options, "workload-identity");
        WorkloadIdentityCredentialBuilder builder =
            app(new WorkloadIdentityCredentialBuilder(), options, http, configuration)
                .tokenFilePath(tokenFile);
        yield new SignIn(mode, builder.build(), options, protect, null);
      }
      case MANAGED_IDENTITY -> {
        ManagedIdentityCredentialBuilder builder =
            new ManagedIdentityCredentialBuilder().configuration(configuration).httpClient(http);
        if (options.clientId() != null) {
          builder.clientId(options.clientId());
        }
        yield new SignIn(mode, builder.build(), options, protect, null);
      }
      case AZURE_CLI -> {
        AzureCliCredentialBuilder builder =
            new AzureCliCredentialBuilder().configuration(configuration);
        if (options.tenantId() != null) {
          builder.tenantId(options.tenantId());
        }
        yield new SignIn(mode, builder.build(), options, protect, null);
      }
      case ENVIRONMENT ->
          new SignIn(
              mode, environmentCredential(options, http, configuration), options, protect, null);
      case AUTO -> throw new IllegalStateException("auto is resolved above");
    };
  }

  /** The Azure SDK's default chain, for when no mode is given and none is detected. */
  private static TokenCredential defaultChain(
      KeyVaultOptions options, HttpClient http, Configuration configuration) {
    DefaultAzureCredentialBuilder chain =
        new DefaultAzureCredentialBuilder()
            .configuration(configuration) // first: it resets the authority host
            .authorityHost(options.authorityHost())
            .httpClient(http)
            .maxRetry(RETRIES);
    if (options.tenantId() != null) {
      chain.tenantId(options.tenantId());
    }
    if (options.clientId() != null) {
      chain
          .managedIdentityClientId(options.clientId())
          .workloadIdentityClientId(options.clientId());
    }
    if (!Clouds.isKnown(options.authorityHost())) {
      chain.disableInstanceDiscovery();
    }
    return chain.build();
  }

  /** GitHub Actions OIDC; the sign-in keeps the job's tokens to explain a refused one. */
  private static SignIn gitHub(
      KeyVaultOptions options,
      HttpClient http,
      Consumer<String> protect,
      Configuration configuration) {
    String url = options.variable("ACTIONS_ID_TOKEN_REQUEST_URL");
    String token = options.variable("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
    if (url == null || token == null) {
      throw OidcTokens.signInFailure(
          "GitHub Actions OIDC is not available to this step (ACTIONS_ID_TOKEN_REQUEST_URL and"
              + " ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set): add 'permissions: id-token:"
              + " write' to the job");
    }
    requireIds(options, "github");
    OidcTokens.GitHub tokens =
        new OidcTokens.GitHub(url, token, options.audience(), protect, options.proxies());
    ClientAssertionCredentialBuilder builder =
        app(new ClientAssertionCredentialBuilder(), options, http, configuration)
            .clientAssertion(tokens);
    return new SignIn(AuthMode.GITHUB, builder.build(), options, protect, tokens);
  }

  /**
   * Sets what every app-registration credential needs: the injected configuration (first: it resets
   * the authority host), tenant, client, authority, the shared HTTP client, one retry, and no
   * instance discovery for an authority that is not one of Azure's clouds.
   */
  private static <T extends AadCredentialBuilderBase<T>> T app(
      T builder, KeyVaultOptions options, HttpClient http, Configuration configuration) {
    builder
        .configuration(configuration)
        .tenantId(options.tenantId())
        .clientId(options.clientId())
        .authorityHost(options.authorityHost())
        .httpClient(http)
        .maxRetry(RETRIES);
    if (!Clouds.isKnown(options.authorityHost())) {
      builder.disableInstanceDiscovery();
    }
    return builder;
  }

  /**
   * The service principal that the Azure SDK's environment variables describe: a client secret
   * ({@code AZURE_CLIENT_SECRET}) or a certificate ({@code AZURE_CLIENT_CERTIFICATE_PATH}, with
   * {@code AZURE_CLIENT_CERTIFICATE_PASSWORD} for a PFX). Built here rather than with the SDK's
   * EnvironmentCredential, which cannot turn instance discovery off for a private authority.
   */
  private static TokenCredential environmentCredential(
      KeyVaultOptions options, HttpClient http, Configuration configuration) {
    requireIds(options, "environment");
    String secret = options.variable("AZURE_CLIENT_SECRET");
    String certificate = options.variable("AZURE_CLIENT_CERTIFICATE_PATH");
    if (secret != null) {
      return app(new ClientSecretCredentialBuilder(), options, http, configuration)
          .clientSecret(secret)
          .build();
    }
    if (certificate != null) {
      ClientCertificateCredentialBuilder builder =
          app(new ClientCertificateCredentialBuilder(), options, http, configuration);
      String password = options.variable("AZURE_CLIENT_CERTIFICATE_PASSWORD");
      if (certificate.toLowerCase(java.util.Locale.ROOT).endsWith(".pem")) {
        builder.pemCertificate(certificate);
      } else {
        builder.pfxCertificate(certificate);
        if (password != null) {
          builder.clientCertificatePassword(password);
        }
      }
      return builder.build();
    }
    throw OidcTokens.signInFailure(
        "--auth environment needs AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH (prefer"
            + " --auth github or azure-pipelines: no secret to store or rotate)");
  }

  /**
   * What {@code auto} picks, in the order the README's sign-in section gives (docs/usage.md); null
   * for the SDK's default chain.
   */
  static AuthMode detect(KeyVaultOptions options) {
    if (options.variable("ACTIONS_ID_TOKEN_REQUEST_URL") != null
        && options.variable("ACTIONS_ID_TOKEN_REQUEST_TOKEN") != null) {
      return AuthMode.GITHUB;
    }
    if (options.serviceConnection() != null
        || (options.variable("SYSTEM_OIDCREQUESTURI") != null
            && options.variable("SYSTEM_ACCESSTOKEN") != null)) {
      return AuthMode.AZURE_PIPELINES;
    }
    if (options.variable("AZURE_FEDERATED_TOKEN_FILE") != null) {
      return AuthMode.WORKLOAD_IDENTITY;
    }
    return null;
  }

  private static void requireIds(KeyVaultOptions options, String mode) {
    if (options.tenantId() == null || options.clientId() == null) {
      throw UserFacingException.usage(
          "--auth "
              + mode
              + " needs --tenant-id and --client-id (or AZURE_TENANT_ID and AZURE_CLIENT_ID): the"
              + " directory and the app registration whose federated credential trusts this job");
    }
  }

  /** The Azure SDK's configuration, read from the injected environment instead of the real one. */
  private static Configuration configurationOf(Map<String, String> environment) {
    return new ConfigurationBuilder(path -> Map.of(), path -> Map.of(), path -> environment)
        .build();
  }

  /**
   * The claims of the OIDC token this sign-in presented, when there is one to read: the GitHub
   * token fetched, the workload identity file, or a fresh Azure Pipelines token.
   */
  Optional<Jwt> presentedClaims() {
    try {
      if (mode == AuthMode.GITHUB && gitHubTokens != null) {
        String token = gitHubTokens.lastToken();
        return token == null ? Optional.empty() : Jwt.parse(token);
      }
      if (mode == AuthMode.WORKLOAD_IDENTITY) {
        String token =
            Files.readString(
                Path.of(options.variable("AZURE_FEDERATED_TOKEN_FILE")), StandardCharsets.UTF_8);
        protect.accept(token.strip());
        return Jwt.parse(token);
      }
      if (mode == AuthMode.AZURE_PIPELINES) {
        return Jwt.parse(
            OidcTokens.azurePipelines(
                options.variable("SYSTEM_OIDCREQUESTURI"),
                options.variable("SYSTEM_ACCESSTOKEN"),
                options.serviceConnectionId(),
                protect,
                options.proxies()));
      }
    } catch (IOException | UserFacingException e) {
      // Explaining is best effort: the sign-in error itself is still reported.
    }
    return Optional.empty();
  }
}
