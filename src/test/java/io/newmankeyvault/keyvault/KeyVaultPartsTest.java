package io.newmankeyvault.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.base.NameSuggestions;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.reference.Clouds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of the keyvault package that need no server. */
class KeyVaultPartsTest {
  @Test
  void suggestsTheClosestNameOnlyWhenItIsClose() {
    List<String> names = List.of("db-password", "api-key", "client-secret-prod");
    assertThat(NameSuggestions.closest("db-pasword", names)).contains("db-password");
    assertThat(NameSuggestions.closest("DB-PASSWORDS", names)).contains("db-password");
    assertThat(NameSuggestions.closest("client-secrets-prd", names)).contains("client-secret-prod");
    assertThat(NameSuggestions.closest("something-else", names)).isEmpty();
    assertThat(NameSuggestions.closest("api-key", names)).isEmpty(); // exact: no hint needed
  }

  @Test
  void readsJwtClaimsWithoutTheSignature() {
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"iss\":\"https://token.actions.githubusercontent.com\",\"sub\":\"repo:acme/api:ref:refs/heads/main\",\"aud\":[\"api://AzureADTokenExchange\"],\"exp\":2000000000}"
                    .getBytes(StandardCharsets.UTF_8));
    Jwt jwt = Jwt.parse("eyJhbGciOiJub25lIn0." + payload + ".sig").orElseThrow();
    assertThat(jwt.describe())
        .isEqualTo(
            "iss='https://token.actions.githubusercontent.com', sub='repo:acme/api:ref:refs/heads/main', aud='api://AzureADTokenExchange'");
    assertThat(jwt.expires()).isEqualTo(Instant.ofEpochSecond(2_000_000_000L));
    assertThat(Jwt.parse("not a token")).isEmpty();
  }

  @Test
  void autoPicksGitHubThenPipelinesThenWorkloadIdentityThenTheChain() {
    assertThat(
            SignIn.detect(
                options(
                    Map.of(
                        "ACTIONS_ID_TOKEN_REQUEST_URL",
                        "u",
                        "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
                        "t",
                        "SYSTEM_OIDCREQUESTURI",
                        "x",
                        "SYSTEM_ACCESSTOKEN",
                        "y"))))
        .isEqualTo(AuthMode.GITHUB);
    assertThat(
            SignIn.detect(
                options(
                    Map.of(
                        "ACTIONS_ID_TOKEN_REQUEST_URL",
                        "u",
                        "SYSTEM_OIDCREQUESTURI",
                        "x",
                        "SYSTEM_ACCESSTOKEN",
                        "y"))))
        .isEqualTo(AuthMode.AZURE_PIPELINES);
    assertThat(
            SignIn.detect(
                options(Map.of("SYSTEM_OIDCREQUESTURI", "x", "AZURE_FEDERATED_TOKEN_FILE", "/f"))))
        .isEqualTo(AuthMode.WORKLOAD_IDENTITY);
    assertThat(
            SignIn.detect(
                options(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", "", "AZURE_CLIENT_ID", "c"))))
        .isNull();
  }

  @Test
  void authModesReadAsUsersTypeThem() {
    assertThat(AuthMode.fromOption("azure-pipelines")).isEqualTo(AuthMode.AZURE_PIPELINES);
    assertThat(AuthMode.fromOption("Managed-Identity")).isEqualTo(AuthMode.MANAGED_IDENTITY);
    assertThat(AuthMode.fromOption("az")).isNull();
    assertThat(AuthMode.AZURE_CLI.optionValue()).isEqualTo("azure-cli");
  }

  @Test
  void firstSentenceKeepsErrorsToOneLine() {
    assertThat(
            SignInFailures.firstSentence(
                "AADSTS700213: No match for subject 'a'. Trace ID: x\nmore"))
        .isEqualTo("AADSTS700213: No match for subject 'a'.");
  }

  private static KeyVaultOptions options(Map<String, String> environment) {
    return new KeyVaultOptions(
        AuthMode.AUTO,
        null,
        null,
        null,
        null,
        Clouds.PUBLIC_AUTHORITY,
        KeyVaultOptions.DEFAULT_AUDIENCE,
        8,
        Duration.ofMinutes(1),
        Proxies.none(),
        environment);
  }
}
