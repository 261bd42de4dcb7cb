package io.newmankeyvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which names say a credential: variables, body and form fields, headers, query parameters. */
class CredentialNamesTest {
  @Test
  void variablesNamedForACredentialRunTogetherOrNot() {
    for (String name :
        List.of(
            "db_password",
            "apiKey",
            "client_secret",
            "X-DD-AUTH-TOKEN",
            "clientpassword",
            "apitoken",
            "privkey",
            "token_consul",
            "oauth_consumer_key",
            "auth")) {
      assertThat(CredentialNames.isCredentialName(name)).as(name).isTrue();
    }
    for (String name :
        List.of(
            "token_url",
            "auth_type",
            "password_policy",
            "csrf_token",
            "csrftoken",
            "NextToken",
            "UpdateToken",
            "badToken",
            "invalid_password",
            "apiKeyIdentifier",
            "tokenAuthenticationValue",
            "session_seed",
            "author")) {
      assertThat(CredentialNames.isCredentialName(name)).as(name).isFalse();
    }
  }

  @Test
  void bodyFieldsNeedAStrongWord() {
    assertThat(CredentialNames.isCredentialField("newPassword")).isTrue();
    assertThat(CredentialNames.isCredentialField("access_token")).isTrue();
    assertThat(CredentialNames.isCredentialField("BinarySecurityToken")).isTrue();
    assertThat(CredentialNames.isCredentialField("ClientSecret")).isTrue();
    assertThat(CredentialNames.isCredentialField("signature"))
        .as("a person's, in a body")
        .isFalse();
    assertThat(CredentialNames.isCredentialField("auth")).isFalse();
    assertThat(CredentialNames.isCredentialName("signature")).as("a variable's").isTrue();
  }

  @Test
  void headersAndQueryParameters() {
    assertThat(CredentialNames.isCredentialHeader("X-Api-Key")).isTrue();
    assertThat(CredentialNames.isCredentialHeader("Cookie")).isTrue();
    assertThat(CredentialNames.isCredentialHeader("Postman-Token")).isFalse();
    assertThat(CredentialNames.isCredentialHeader("X-XSRF-TOKEN")).isFalse();
    assertThat(CredentialNames.isCredentialParameter("oauth_token")).isTrue();
    assertThat(CredentialNames.isCredentialParameter("code")).as("single-use").isFalse();
    assertThat(CredentialNames.isPasswordName("client_secret")).isTrue();
    assertThat(CredentialNames.isPasswordName("key")).isFalse();
  }

  @Test
  void publicNamesAreIdsAddressesAndDigests() {
    assertThat(CredentialNames.isPublicName("client_id")).isTrue();
    assertThat(CredentialNames.isPublicName("client_id_limited")).isTrue();
    assertThat(CredentialNames.isPublicName("cchainbech32address")).isTrue();
    assertThat(CredentialNames.isPublicName("session_seed")).isFalse();
  }
}
