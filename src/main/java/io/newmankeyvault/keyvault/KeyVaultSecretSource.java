package io.newmankeyvault.keyvault;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.Configuration;
import com.azure.core.util.SharedExecutorService;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.NameSuggestions;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.reference.SecretId;
import io.newmankeyvault.secrets.SecretLookup;
import io.newmankeyvault.secrets.SecretSource;
import java.net.URI;
import java.time.Duration;
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
 * secrets only, {@code parallelism} at a time, with the SDK's retries (429 honours Retry-After, 5xx
 * backs off) inside an overall deadline. The vault's challenge resource check stays on. One failed
 * sign-in fails the whole read with one explanation; per-secret failures are reported per secret.
 * This is the only class that talks to Key Vault.
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
    // Configuration.NONE: the proxies are ours (the SDK would read HTTPS_PROXY itself, with
    // other NO_PROXY rules and no credentials for tunnels).
    this.http =
        new ProxiedHttpClient(
            new JdkHttpClientBuilder(
                    options.proxies().configure(java.net.http.HttpClient.newBuilder()))
                .configuration(Configuration.NONE)
                .executor(SharedExecutorService.getInstance())
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofSeconds(30))
                .build(),
            options.proxies());
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
          "not read within the "
              + options.deadline().toSeconds()
              + " s deadline: the vault is slow"
              + " or throttling; lower --parallelism or retry later");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WholeReadFailure signInFailure) {
        throw new UserFacingException(FailureKind.SECRETS, signInFailure.getMessage());
      }
      throw new IllegalStateException("a secret read failed unexpectedly", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserFacingException(FailureKind.SECRETS, "interrupted while reading secrets");
    }
  }

  /** A failed sign-in or a proxy's refusal, already explained: it fails the whole read. */
  private static final class WholeReadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WholeReadFailure(String message) {
      super(message, null, false, false);
    }
  }

  private SecretLookup read(SecretId id) {
    SecretClient client = clients.computeIfAbsent(id.vault(), this::client);
    try {
      return ReadOutcomes.of(client.getSecret(id.name(), id.version()));
    } catch (RuntimeException e) {
      if (SignInFailures.isSignInFailure(e)) {
        throw new WholeReadFailure(SignInFailures.explain(signIn, e));
      }
      Optional<String> refused = options.proxies().refusal(e, URI.create("https://" + id.vault()));
      if (refused.isPresent()) {
        throw new WholeReadFailure("could not reach Key Vault: " + refused.get());
      }
      return new SecretLookup.Failed(ReadOutcomes.reason(e, id, () -> suggestion(id)));
    }
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
                .setShouldRetryCondition(ReadOutcomes::isTransient))
        .buildClient();
  }
}
