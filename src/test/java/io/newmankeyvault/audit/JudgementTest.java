package io.newmankeyvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.audit.Judgement.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one judgement every rule shares, value by value: what is no credential wherever it appears,
 * what someone chose (medium), what a system issued (high). The values are made up for this test.
 */
class JudgementTest {
  private static final String RANDOM = "WKbtDE6kGZpDiPCFdcERFmdD6nHQsspDnpbDQCm8";
  private static final String HEX = "49d439536b3216fdaeeb975729fae923";
  private static final String UUID = "c1d3fcff-2a3a-f4d4-6b0a-18e8830e07bc";
  private static final String SESSION_ID = "r8edt6s20b70kh9dnsip339fk6";

  /** {@code svc-reports:} and a random password, in base64. */
  private static final String BASIC_ISSUED = "c3ZjLXJlcG9ydHM6WEtoY0N1RTJtbjQ2V1h3WXFocDVmRTdG";

  /** {@code demo:password} in base64. */
  private static final String BASIC_STAND_IN = "ZGVtbzpwYXNzd29yZA==";

  @Test
  void placeholdersStandInsCodeAndPublicDataAreNoCredentialAnywhere() {
    for (String value :
        List.of(
            "<API Key>",
            "<calculated when request is sent>",
            "Bearer <API_KEY>",
            "{{token}}",
            "{access_token}",
            "${TOKEN}",
            "your-api-key",
            "YOUR_SECRET_KEY",
            "YOUR_SK_TEST_KEY_HERE",
            "yourNewPassword1!",
            "password goes here",
            "Replace with the admin key",
            "XXXXXXXX",
            "xxxx-xxxx",
            "sk_live_xxxxxxxxxxxxxxxx",
            "changeme",
            "PASSWORD",
            "Password",
            "secret",
            "test",
            "token",
            "secrettoken",
            "secretApiKey",
            "userpass",
            "valid_password",
            "WrongPassword",
            "ssh-secret",
            "1234",
            "123456",
            "abcdefgh",
            "4444",
            "1",
            "tt",
            "42",
            "true",
            "null",
            "https://auth.example.com/token",
            "ops@example.org",
            "10.0.0.12",
            "2024-05-01",
            "pm.environment.get(\"password\")",
            "btoa(password)",
            "(a) => a.token",
            BASIC_STAND_IN)) {
      assertThat(Judgement.of("password", value)).as(value).isEqualTo(Verdict.NONE);
    }
  }

  @Test
  void aValueThatRepeatsItsFieldsNameIsNoCredential() {
    assertThat(Judgement.of("secret_limited", "secret_limited")).isEqualTo(Verdict.NONE);
    assertThat(Judgement.of("userToken", "user-token")).isEqualTo(Verdict.NONE);
    assertThat(Judgement.of("SipAuthPassword", "SipAuthPassword")).isEqualTo(Verdict.NONE);
    assertThat(Judgement.of("vcenter-password", "vcenter-password")).isEqualTo(Verdict.NONE);
  }

  @Test
  void aPasswordSomeoneChoseIsChosenAndAnIssuedValueIsIssued() {
    for (String chosen :
        List.of(
            "hunter2-literal",
            "Summer2024!",
            "Tr0ub4dor&3",
            "admin",
            "p@ss w0rd with spaces",
            "secret123",
            "Test1234",
            "CANARY-env-secret-type-1e1e")) {
      assertThat(Judgement.of("password", chosen)).as(chosen).isEqualTo(Verdict.CHOSEN);
    }
    for (String issued : List.of(RANDOM, HEX, UUID, SESSION_ID, BASIC_ISSUED)) {
      assertThat(Judgement.of("", issued)).as(issued).isEqualTo(Verdict.ISSUED);
    }
  }

  @Test
  void wordsMakeAnIdentifierNotARandomValue() {
    assertThat(Judgement.looksIssued("pm_card_visa_chargeDeclinedInsufficientFunds")).isFalse();
    assertThat(Judgement.looksIssued("CANARY-authz-header-2f6a")).isFalse();
    assertThat(Judgement.looksIssued("CANARYGT2usRnf8HM3Ynce9diNTP")).isTrue();
    assertThat(Judgement.looksIssued("short7Xy")).as("too short to tell").isFalse();
  }

  @Test
  void headersGiveTheirCredentialsToTheJudgement() {
    assertThat(Credentials.headerCredentials("Authorization", "Basic " + BASIC_STAND_IN))
        .containsExactly("password");
    assertThat(
            Credentials.headerCredentials(
                "Authorization",
                "OAuth oauth_consumer_key=\"ck123\",oauth_token=\"tk456\","
                    + "oauth_signature=\"sig%3D\",oauth_nonce=\"n0nce\""))
        .containsExactly("ck123", "tk456");
    assertThat(
            Credentials.headerCredentials(
                "Authorization", "Digest username=\"u\", response=\"" + HEX + "\""))
        .as("a one-time response, not the password")
        .isEmpty();
    assertThat(
            Credentials.headerCredentials(
                "Authorization",
                "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", mac=\"" + RANDOM + "\""))
        .as("a one-time MAC, not the key")
        .isEmpty();
    assertThat(
            Credentials.headerCredentials(
                "Cookie", "lang=en; csrftoken=" + RANDOM + "; PHPSESSID=" + SESSION_ID))
        .containsExactly("en", SESSION_ID);
  }

  @Test
  void aHeaderIsAsSureAsItsSurestCredential() {
    Detector detector = new Detector(Set.of(), 4.0);
    detector.header(() -> "cookie", 1, "Cookie", "lang=en; uid=24; PHPSESSID=" + SESSION_ID);
    detector.header(() -> "stand-in", 2, "Authorization", "Basic " + BASIC_STAND_IN);
    detector.header(() -> "chosen", 3, "Authorization", "Basic YWRtaW46U3VtbWVyMjAyNCE=");
    detector.header(() -> "postman", 4, "Postman-Token", UUID);
    detector.header(() -> "csrf", 5, "X-CSRF-Token", RANDOM);
    assertThat(detector.hits())
        .extracting(hit -> hit.location().get() + " " + hit.severity())
        .containsExactly("cookie HIGH", "chosen MEDIUM");
  }
}
