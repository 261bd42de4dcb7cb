package io.newmankeyvault.keyvault;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.network.TlsFailure;
import io.newmankeyvault.reference.SecretId;
import io.newmankeyvault.secrets.SecretLookup;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one read of a Key Vault secret means: the value, if the secret is valid now; else a reason
 * in words the user can act on; and which failures are worth another try. Stateless.
 */
final class ReadOutcomes {
  private static final Pattern JSON_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z]+)\"");
  private static final Pattern PLAIN_CODE = Pattern.compile("code[=:]\\s*([A-Za-z]+)");

  private ReadOutcomes() {}

  /** Key Vault may hand out a secret outside its validity window: the tool does not use it. */
  static SecretLookup of(KeyVaultSecret secret) {
    SecretProperties properties = secret.getProperties();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
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
    return new SecretLookup.Found(
        secret.getValue(),
        properties.getVersion(),
        expires,
        allowedDomains(properties),
        properties.getTags() == null ? null : properties.getTags().get(SCRIPT_ACCESS_TAG));
  }

  /**
   * The secret's {@code allowed-domains} tag, comma-separated (a tag value holds up to 256
   * characters); empty when there is none.
   */
  static List<String> allowedDomains(SecretProperties properties) {
    Map<String, String> tags = properties.getTags();
    String tag = tags == null ? null : tags.get(ALLOWED_DOMAINS_TAG);
    if (tag == null) {
      return List.of();
    }
    List<String> patterns = new ArrayList<>();
    for (String pattern : tag.split(",")) {
      if (!pattern.isBlank()) {
        patterns.add(pattern.strip());
      }
    }
    return patterns;
  }

  /** The Key Vault tag that names a secret's allowed domains. */
  static final String ALLOWED_DOMAINS_TAG = "allowed-domains";

  /** The Key Vault tag that lets scripts read a secret through {@code pm.vault} ({@code true}). */
  static final String SCRIPT_ACCESS_TAG = "script-access";

  /**
   * Why a read failed, in words the user can act on; {@code suggestion} gives "; did you mean 'x'?"
   * for a secret that is not found (or "").
   */
  static String reason(RuntimeException e, SecretId id, Supplier<String> suggestion) {
    if (e instanceof HttpResponseException response && response.getResponse() != null) {
      int status = response.getResponse().getStatusCode();
      String code = errorCodes(response);
      if (status == 404 || e instanceof ResourceNotFoundException) {
        String what = id.version() == null ? "not found" : "version " + id.version() + " not found";
        return what + suggestion.get();
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
    Optional<String> tls = TlsFailure.describe(e, id.vault());
    if (tls.isPresent()) {
      return tls.get();
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
      if (t instanceof UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Retry what may pass (429, 408, 5xx, connection failures), not what cannot: an unknown host, or
   * any other answer.
   */
  static boolean isTransient(RequestRetryCondition condition) {
    if (condition.getThrowable() != null) {
      Throwable thrown = condition.getThrowable();
      boolean network = false;
      for (Throwable t = thrown; t != null && t.getCause() != t; t = t.getCause()) {
        network |= t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException;
      }
      return network
          && !isDnsFailure(thrown)
          && !Proxies.isRefusal(thrown)
          && !SignInFailures.isSignInFailure(thrown);
    }
    int status = condition.getResponse() == null ? 0 : condition.getResponse().getStatusCode();
    return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
  }

  /**
   * The error code and inner error code of a Key Vault answer, e.g. "Forbidden ForbiddenByRbac".
   */
  private static String errorCodes(HttpResponseException e) {
    Object value = e.getValue();
    String text = value == null ? String.valueOf(e.getMessage()) : value.toString();
    StringBuilder codes = new StringBuilder();
    Matcher matcher = JSON_CODE.matcher(text);
    while (matcher.find()) {
      codes.append(codes.length() == 0 ? "" : " ").append(matcher.group(1));
    }
    if (codes.length() == 0) {
      Matcher plain = PLAIN_CODE.matcher(text);
      while (plain.find()) {
        codes.append(codes.length() == 0 ? "" : " ").append(plain.group(1));
      }
    }
    return codes.toString();
  }

  private static String hostOnly(String vault) {
    int colon = vault.indexOf(':');
    return colon < 0 ? vault : vault.substring(0, colon);
  }
}
