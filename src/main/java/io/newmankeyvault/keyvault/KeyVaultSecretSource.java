package io.newmankeyvault.keyvault;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryOptions;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.reference.SecretId;
import io.newmankeyvault.secrets.SecretLookup;
import io.newmankeyvault.secrets.SecretSource;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Reads secrets from Azure Key Vault with the Azure SDK over the JDK's HTTP client: distinct
 * secrets only, {@code parallelism} at a time, with the SDK's retries (429 honours Retry-After,
 * 5xx backs off) inside an overall deadline. The vault's challenge resource check stays on.
 * One failed sign-in fails the whole read with one explanation; per-secret failures are
 * reported per secret. This is the only class that talks to Key Vault.
 */
public final class KeyVaultSecretSource implements SecretSource {
  private final KeyVaultOptions options;
  private final Consumer<String> protect;
  private final HttpClient http;

  private final Map<String, SecretClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Optional<List<String>>> listings = new ConcurrentHashMap<>();
  private SignIn signIn;

  /**
   * @param options how to sign in and read
   * @param protect receives every token and OIDC assertion before it is used
   */
  public KeyVaultSecretSource(KeyVaultOptions options, Consumer<String> protect) {
    this.options = options;
    this.protect = protect;
    this.http =
        new JdkHttpClientBuilder()
            .connectionTimeout(Duration.ofSeconds(10))
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  @Override
  public String description() {
    String auth = options.auth().optionValue();
    if (options.auth() == AuthMode.AUTO) {
      AuthMode detected = SignIn.detect(options);
      auth = "auto: " + (detected == null ? "Azure SDK default chain" : detected.optionValue());
    }
    return "Azure Key Vault (--auth " + auth + ")";
  }

  @Override
  public Map<SecretId, SecretLookup> readAll(Set<SecretId> ids) {
    Map<SecretId, SecretLookup> answers = new LinkedHashMap<>();
    List<SecretId> toRead = new ArrayList<>();
    for (SecretId id : ids) {
      if (id.vault() == null) {
        answers.put(
            id,
            new SecretLookup.Failed(
                "{{vault:...}} reads from the default vault, and none is named: pass --key-vault"
                    + " (or NKV_KEY_VAULT)"));
      } else {
        toRead.add(id);
      }
    }
    if (toRead.isEmpty()) {
      return answers;
    }
    signIn = SignIn.create(options, http, protect);

    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(options.parallelism(), toRead.size())),
            runnable -> {
              Thread thread = new Thread(runnable, "newman-keyvault-read");
              thread.setDaemon(true);
              return thread;
            });
    try {
      Map<SecretId, Future<SecretLookup>> futures = new LinkedHashMap<>();
      for (SecretId id : toRead) {
        futures.put(id, pool.submit(() -> read(id)));
      }
      long deadline = System.nanoTime() + options.deadline().toNanos();
      for (Map.Entry<SecretId, Future<SecretLookup>> entry : futures.entrySet()) {
        answers.put(entry.getKey(), await(entry.getValue(), deadline));
      }
    } finally {
      pool.shutdownNow();
    }
    return answers;
  }

  private SecretLookup await(Future<SecretLookup> future, long deadline) {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new SecretLookup.Failed(
          "not read within the " + options.deadline().toSeconds() + " s deadline: the vault is slow"
              + " or throttling; lower --parallelism or retry later");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SignInException signInFailure) {
        throw new UserFacingException(ExitCode.SECRETS, signInFailure.getMessage());
      }
      throw new IllegalStateException("a secret read failed unexpectedly", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserFacingException(ExitCode.SECRETS, "interrupted while reading secrets");
    }
  }

  /** A failed sign-in, already explained; it fails the whole read. */
  private static final class SignInException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SignInException(String message) {
      super(message, null, false, false);
    }
  }

  private SecretLookup read(SecretId id) {
    SecretClient client = clients.computeIfAbsent(id.vault(), this::client);
    try {
      KeyVaultSecret secret = client.getSecret(id.name(), id.version());
      return check(secret);
    } catch (RuntimeException e) {
      if (SignInFailures.isSignInFailure(e)) {
        throw new SignInException(SignInFailures.explain(signIn, e));
      }
      return new SecretLookup.Failed(reason(e, id));
    }
  }

  /** Key Vault may hand out a secret outside its validity window: the tool does not use it. */
  private static SecretLookup check(KeyVaultSecret secret) {
    SecretProperties properties = secret.getProperties();
    OffsetDateTime now = OffsetDateTime.now();
    if (Boolean.FALSE.equals(properties.isEnabled())) {
      return new SecretLookup.Failed("is disabled: enable it (or the version) in the vault");
    }
    if (properties.getExpiresOn() != null && properties.getExpiresOn().isBefore(now)) {
      return new SecretLookup.Failed(
          "expired on " + properties.getExpiresOn().toInstant() + ": set a new value or expiry");
    }
    if (properties.getNotBefore() != null && properties.getNotBefore().isAfter(now)) {
      return new SecretLookup.Failed(
          "is not valid before " + properties.getNotBefore().toInstant());
    }
    Instant expires =
        properties.getExpiresOn() == null ? null : properties.getExpiresOn().toInstant();
    return new SecretLookup.Found(secret.getValue(), properties.getVersion(), expires);
  }

  private String reason(RuntimeException e, SecretId id) {
    if (e instanceof HttpResponseException response && response.getResponse() != null) {
      int status = response.getResponse().getStatusCode();
      String code = errorCodes(response);
      if (status == 404 || e instanceof ResourceNotFoundException) {
        String what = id.version() == null ? "not found" : "version " + id.version() + " not found";
        return what + suggestion(id);
      }
      if (status == 403) {
        if (code.contains("SecretDisabled") || code.contains("disabled")) {
          return "is disabled: enable it (or the version) in the vault";
        }
        return "forbidden (403"
            + (code.isEmpty() ? "" : " " + code)
            + "): the signed-in identity needs the 'Key Vault Secrets User' role on vault "
            + id.vault()
            + " (or a 'get' secret permission in its access policy)";
      }
      if (status == 429) {
        return "throttled by Key Vault (429) after retries: lower --parallelism or retry later";
      }
      if (status == 401) {
        return "Key Vault rejected the token (401"
            + (code.isEmpty() ? "" : " " + code)
            + "): the vault may be in another tenant than --tenant-id";
      }
      return "Key Vault answered " + status + (code.isEmpty() ? "" : " " + code);
    }
    if (isDnsFailure(e)) {
      return "vault unreachable: host "
          + hostOnly(id.vault())
          + " not found (DNS): check the vault name and --key-vault-suffix";
    }
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "vault unreachable: connection to " + id.vault() + " refused";
      }
      if (t instanceof HttpTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
        return "vault unreachable: " + id.vault() + " did not answer in time";
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return "vault unreachable: TLS with " + id.vault() + " failed (" + t.getClass().getSimpleName() + ")";
      }
      if (String.valueOf(t.getMessage()).contains("challenge resource")) {
        return "the vault's sign-in challenge names a resource that does not match host "
            + id.vault()
            + ": check the vault URL";
      }
    }
    return "could not be read (" + e.getClass().getSimpleName() + ")";
  }

  /** A name that does not resolve: the JDK client reports it as a ConnectException. */
  private static boolean isDnsFailure(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Retry what may pass (429, 408, 5xx, connection failures), not what cannot: an unknown host,
   * or any other answer.
   */
  private static boolean isTransient(RequestRetryCondition condition) {
    if (condition.getThrowable() != null) {
      Throwable thrown = condition.getThrowable();
      boolean network = false;
      for (Throwable t = thrown; t != null && t.getCause() != t; t = t.getCause()) {
        network |= t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException;
      }
      return network && !isDnsFailure(thrown) && !SignInFailures.isSignInFailure(thrown);
    }
    int status = condition.getResponse() == null ? 0 : condition.getResponse().getStatusCode();
    return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
  }

  /** The error code and inner error code of a Key Vault answer, e.g. "Forbidden ForbiddenByRbac". */
  private static String errorCodes(HttpResponseException e) {
    Object value = e.getValue();
    String text = value == null ? String.valueOf(e.getMessage()) : value.toString();
    StringBuilder codes = new StringBuilder();
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z]+)\"").matcher(text);
    while (matcher.find()) {
      codes.append(codes.length() == 0 ? "" : " ").append(matcher.group(1));
    }
    if (codes.length() == 0) {
      java.util.regex.Matcher plain =
          java.util.regex.Pattern.compile("code[=:]\\s*([A-Za-z]+)").matcher(text);
      while (plain.find()) {
        codes.append(codes.length() == 0 ? "" : " ").append(plain.group(1));
      }
    }
    return codes.toString();
  }

  /**
   * "; did you mean 'x'?" when the vault lists a secret of a close name. Listing needs its own
   * permission; without it (or on any error) there is no hint.
   */
  private String suggestion(SecretId id) {
    Optional<List<String>> names =
        listings.computeIfAbsent(
            id.vault(),
            vault -> {
              try {
                List<String> list = new ArrayList<>();
                clients.get(vault).listPropertiesOfSecrets().forEach(p -> list.add(p.getName()));
                return Optional.of(list);
              } catch (RuntimeException e) {
                return Optional.empty();
              }
            });
    return names
        .flatMap(list -> NameSuggestions.closest(id.name(), list))
        .map(name -> "; did you mean '" + name + "'?")
        .orElse("");
  }

  private SecretClient client(String vaultHost) {
    return new SecretClientBuilder()
        .vaultUrl("https://" + vaultHost)
        .credential(signIn.credential())
        .httpClient(http)
        .retryOptions(
            new RetryOptions(
                    new ExponentialBackoffOptions()
                        .setMaxRetries(4)
                        .setBaseDelay(Duration.ofMillis(500))
                        .setMaxDelay(Duration.ofSeconds(10)))
                .setShouldRetryCondition(KeyVaultSecretSource::isTransient))
        .buildClient();
  }

  private static String hostOnly(String vault) {
    int colon = vault.indexOf(':');
    return colon < 0 ? vault : vault.substring(0, colon);
  }
}
