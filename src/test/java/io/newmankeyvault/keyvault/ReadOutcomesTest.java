package io.newmankeyvault.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import io.newmankeyvault.reference.SecretId;
import io.newmankeyvault.secrets.SecretLookup;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How SDK failures become words the user can act on. The SDK's answers are stubbed with Mockito (an
 * HTTP response of a given status); the wire-level behaviour is FakesSelfTest's and the ITs'.
 */
class ReadOutcomesTest {
  private static final SecretId DB = new SecretId("kv-prod.vault.azure.net", "db-password", null);

  private static HttpResponse status(int code) {
    HttpResponse response = mock(HttpResponse.class);
    when(response.getStatusCode()).thenReturn(code);
    return response;
  }

  /** An error body as the SDK deserializes it: maps in the JSON's order. */
  private static Map<String, Object> error(String code, String inner) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    if (inner != null) {
      error.put("innererror", Map.of("code", inner));
    }
    return Map.of("error", error);
  }

  @Test
  void aMissingSecretIsNotFoundWithTheSuggestion() {
    var missing =
        new ResourceNotFoundException(
            "Status code 404", status(404), error("SecretNotFound", null));
    assertThat(ReadOutcomes.reason(missing, DB, () -> "; did you mean 'db-pasword'?"))
        .isEqualTo("not found; did you mean 'db-pasword'?");
    SecretId pinned = new SecretId(DB.vault(), DB.name(), "0123456789abcdef0123456789abcdef");
    assertThat(ReadOutcomes.reason(missing, pinned, () -> ""))
        .isEqualTo("version 0123456789abcdef0123456789abcdef not found");
  }

  @Test
  void aForbiddenReadNamesTheRoleAndTheVault() {
    var forbidden =
        new ResourceModifiedException(
            "Status code 403", status(403), error("Forbidden", "ForbiddenByRbac"));
    assertThat(ReadOutcomes.reason(forbidden, DB, () -> ""))
        .startsWith(
            "forbidden (403 Forbidden ForbiddenByRbac): the signed-in identity needs the 'Key Vault Secrets User' role")
        .contains("kv-prod.vault.azure.net");
    var disabled =
        new ResourceModifiedException(
            "Status code 403", status(403), error("Forbidden", "SecretDisabled"));
    assertThat(ReadOutcomes.reason(disabled, DB, () -> ""))
        .isEqualTo("is disabled: enable it (or the version) in the vault");
  }

  @Test
  void throttlingARejectedTokenAndOtherAnswers() {
    assertThat(
            ReadOutcomes.reason(new HttpResponseException("429", status(429), null), DB, () -> ""))
        .isEqualTo(
            "throttled by Key Vault (429) after retries: lower --parallelism or retry later");
    assertThat(
            ReadOutcomes.reason(
                new HttpResponseException("401", status(401), error("Unauthorized", null)),
                DB,
                () -> ""))
        .isEqualTo(
            "Key Vault rejected the token (401 Unauthorized): the vault may be in another tenant than --tenant-id");
    assertThat(
            ReadOutcomes.reason(new HttpResponseException("500", status(500), null), DB, () -> ""))
        .isEqualTo("Key Vault answered 500");
  }

  @Test
  void networkFailuresSayWhichHostAndWhat() {
    var dns = new UncheckedIOException(new java.io.IOException(new UnresolvedAddressException()));
    assertThat(
            ReadOutcomes.reason(
                dns, new SecretId("kv-typo.vault.azure.net:8443", "s", null), () -> ""))
        .isEqualTo(
            "vault unreachable: host kv-typo.vault.azure.net not found (DNS): check the vault name and --key-vault-suffix");
    var refused = new UncheckedIOException(new ConnectException("refused"));
    assertThat(ReadOutcomes.reason(refused, DB, () -> ""))
        .isEqualTo("vault unreachable: connection to kv-prod.vault.azure.net refused");
    assertThat(ReadOutcomes.reason(new IllegalStateException("x"), DB, () -> ""))
        .isEqualTo("could not be read (IllegalStateException)");
  }

  @Test
  void onlyWhatMayPassIsRetried() {
    for (int code : new int[] {408, 429, 500, 502, 503, 504}) {
      assertThat(ReadOutcomes.isTransient(answered(code))).as("%d", code).isTrue();
    }
    for (int code : new int[] {400, 401, 403, 404, 501, 505}) {
      assertThat(ReadOutcomes.isTransient(answered(code))).as("%d", code).isFalse();
    }
    RequestRetryCondition refused = mock(RequestRetryCondition.class);
    when(refused.getThrowable())
        .thenReturn(new UncheckedIOException(new ConnectException("refused")));
    assertThat(ReadOutcomes.isTransient(refused)).isTrue();
    RequestRetryCondition unknownHost = mock(RequestRetryCondition.class);
    when(unknownHost.getThrowable())
        .thenReturn(
            new UncheckedIOException(new java.io.IOException(new UnresolvedAddressException())));
    assertThat(ReadOutcomes.isTransient(unknownHost)).isFalse();
  }

  private static RequestRetryCondition answered(int code) {
    HttpResponse response = status(code);
    RequestRetryCondition condition = mock(RequestRetryCondition.class);
    when(condition.getResponse()).thenReturn(response);
    return condition;
  }

  @Test
  void aSecretOutsideItsValidityIsNotUsed() {
    KeyVaultSecret valid = new KeyVaultSecret("s", "value");
    valid.getProperties().setEnabled(true);
    assertThat(ReadOutcomes.of(valid))
        .isInstanceOfSatisfying(
            SecretLookup.Found.class, f -> assertThat(f.value()).isEqualTo("value"));

    KeyVaultSecret disabled = new KeyVaultSecret("s", "value");
    disabled.getProperties().setEnabled(false);
    assertThat(ReadOutcomes.of(disabled)).isInstanceOf(SecretLookup.Failed.class);

    KeyVaultSecret expired = new KeyVaultSecret("s", "value");
    expired.getProperties().setExpiresOn(OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(1));
    assertThat(ReadOutcomes.of(expired))
        .isInstanceOfSatisfying(
            SecretLookup.Failed.class, f -> assertThat(f.reason()).startsWith("expired on "));

    KeyVaultSecret early = new KeyVaultSecret("s", "value");
    early.getProperties().setNotBefore(OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(1));
    assertThat(ReadOutcomes.of(early))
        .isInstanceOfSatisfying(
            SecretLookup.Failed.class,
            f -> assertThat(f.reason()).startsWith("is not valid before "));
  }
}
