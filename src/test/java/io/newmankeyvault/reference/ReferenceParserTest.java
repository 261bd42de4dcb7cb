package io.newmankeyvault.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceParserTest {
  private static final String V = "0123456789abcdef0123456789ABCDEF";

  private final ReferenceParser parser =
      new ReferenceParser(new Vaults("kv-default", null), Map.of("legacy.name", "mapped-secret"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # value                                                                          | form                    | vault                               | secret      | version
          akv://kv-prod/db-password                                                        | AKV_URI                 | kv-prod.vault.azure.net             | db-password |
          akv://kv-prod/db-password/0123456789abcdef0123456789ABCDEF                       | AKV_URI                 | kv-prod.vault.azure.net             | db-password | 0123456789abcdef0123456789ABCDEF
          AKV://KV-Prod/db-password/                                                       | AKV_URI                 | kv-prod.vault.azure.net             | db-password |
          akv://kv1.vault.localhost:8443/s1                                                | AKV_URI                 | kv1.vault.localhost:8443            | s1          |
          '  akv://kv-prod/db-password  '                                                  | AKV_URI                 | kv-prod.vault.azure.net             | db-password |
          @Microsoft.KeyVault(SecretUri=https://kv-prod.vault.azure.net/secrets/api-key)   | APP_SERVICE_SECRET_URI  | kv-prod.vault.azure.net             | api-key     |
          @Microsoft.KeyVault(SecretUri=https://kv-prod.vault.azure.net/secrets/api-key/)  | APP_SERVICE_SECRET_URI  | kv-prod.vault.azure.net             | api-key     |
          @Microsoft.KeyVault(SecretUri=https://kv-prod.vault.azure.net/secrets/api-key/0123456789abcdef0123456789ABCDEF) | APP_SERVICE_SECRET_URI | kv-prod.vault.azure.net | api-key | 0123456789abcdef0123456789ABCDEF
          @Microsoft.KeyVault(VaultName=kv-prod;SecretName=api-key)                        | APP_SERVICE_VAULT_NAME  | kv-prod.vault.azure.net             | api-key     |
          @Microsoft.KeyVault(SecretName=api-key; VaultName=kv-prod; SecretVersion=0123456789abcdef0123456789ABCDEF) | APP_SERVICE_VAULT_NAME | kv-prod.vault.azure.net | api-key | 0123456789abcdef0123456789ABCDEF
          @microsoft.keyvault(vaultname=kv-prod;secretname=api-key)                        | APP_SERVICE_VAULT_NAME  | kv-prod.vault.azure.net             | api-key     |
          {{vault:api-key}}                                                                | POSTMAN_VAULT           | kv-default.vault.azure.net          | api-key     |
          {{vault:db_password}}                                                            | POSTMAN_VAULT           | kv-default.vault.azure.net          | db-password |
          {{vault:legacy.name}}                                                            | POSTMAN_VAULT           | kv-default.vault.azure.net          | mapped-secret |
          """)
  void parsesEveryWholeValueForm(
      String value, Reference.Form form, String vault, String secret, String version) {
    Reference reference = parser.parseWholeValue(value).orElseThrow();

    assertThat(reference.form()).isEqualTo(form);
    assertThat(reference.secret()).isEqualTo(new SecretId(vault, secret, version));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain value",
        "",
        "Bearer {{vault:token}}",
        "{{vault:a}}{{vault:b}}",
        "see akv://kv/secret",
        "{{notvault}}",
        "https://kv-prod.vault.azure.net/secrets/x"
      })
  void leavesOtherValuesAlone(String value) {
    assertThat(parser.parseWholeValue(value)).isEqualTo(Optional.empty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          akv://kv-prod                                                     | akv://VAULT/SECRET[/VERSION]
          akv://kv-prod/                                                    | akv://VAULT/SECRET[/VERSION]
          akv:///secret                                                     | akv://VAULT/SECRET[/VERSION]
          akv://kv-prod/a/b/c                                               | akv://VAULT/SECRET[/VERSION]
          akv://kv-prod/bad_name                                            | not a valid Key Vault secret name
          akv://kv-prod/db/123                                              | not a Key Vault secret version
          akv://kv/secret                                                   | not a valid vault name
          akv://http://kv.vault.azure.net/secret                            | akv://VAULT/SECRET[/VERSION]
          @Microsoft.KeyVault(VaultName=kv-prod;SecretName=x                | must end with ')'
          @Microsoft.KeyVault(VaultName=kv-prod)                            | takes SecretUri=... or VaultName
          @Microsoft.KeyVault(VaultName=kv-prod;SecretName=x;Extra=1)       | takes SecretUri=... or VaultName
          @Microsoft.KeyVault(VaultName=kv-prod;VaultName=kv-prod)          | twice
          @Microsoft.KeyVault(SecretUri=http://kv-prod.vault.azure.net/secrets/x) | SecretUri must read
          @Microsoft.KeyVault(SecretUri=https://kv-prod.vault.azure.net/keys/x)   | SecretUri must read
          @Microsoft.KeyVault(SecretUri=https://kv-prod.vault.azure.net/secrets/x/y/z) | SecretUri must read
          @Microsoft.KeyVault(SecretUri=https://kv-prod.vault.azure.net/secrets/x;VaultName=kv) | nothing besides SecretUri
          @Microsoft.KeyVault()                                             | takes SecretUri=... or VaultName
          {{vault:}}                                                        | needs a NAME
          {{vault:bad/name}}                                                | add --map 'bad/name=secret-name'
          """)
  void rejectsMalformedReferences(String value, String message) {
    assertThatThrownBy(() -> parser.parseWholeValue(value))
        .isInstanceOf(ReferenceException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "api-key, api-key",
    "API_KEY, API-KEY",
    "db.password, db-password",
    "'my secret', my-secret",
    "legacy.name, mapped-secret"
  })
  void mapsPostmanVaultNamesToSecretNames(String name, String secret) {
    assertThat(parser.secretNameFor(name)).isEqualTo(secret);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", "ü-name", "x:y", "a+b"})
  void rejectsNamesThatCannotBeMapped(String name) {
    assertThatThrownBy(() -> parser.secretNameFor(name))
        .isInstanceOf(ReferenceException.class)
        .hasMessageContaining("--map");
  }

  @org.junit.jupiter.api.Test
  void rejectsANameLongerThanKeyVaultAllows() {
    assertThatThrownBy(() -> parser.secretNameFor("a".repeat(128)))
        .isInstanceOf(ReferenceException.class);
    assertThat(parser.secretNameFor("a".repeat(127))).hasSize(127);
  }

  @org.junit.jupiter.api.Test
  void rejectsAnInvalidMapTarget() {
    assertThatThrownBy(() -> new ReferenceParser(new Vaults(null, null), Map.of("x", "bad_name")))
        .isInstanceOf(ReferenceException.class)
        .hasMessageContaining("bad_name");
  }

  @org.junit.jupiter.api.Test
  void findsPostmanVaultNamesAnywhereInText() {
    assertThat(
            ReferenceParser.postmanVaultNames(
                "{{base}}/x?k={{vault:a}}&j={{vault:b-1}}; again {{vault:a}} {{vault:}} {{vault:c"))
        .containsExactly("a", "b-1");
  }

  @org.junit.jupiter.api.Test
  void postmanVaultWithoutADefaultVaultHasNoVault() {
    ReferenceParser noDefault = new ReferenceParser(new Vaults(null, null), Map.of());
    assertThat(noDefault.postmanVault("x").secret()).isEqualTo(new SecretId(null, "x", null));
    assertThat(noDefault.postmanVault("x").secret().vaultLabel()).isEqualTo("-");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "kv-prod, kv-prod.vault.azure.net",
    "KV-Prod, kv-prod.vault.azure.net",
    "https://kv-prod.vault.azure.net/, kv-prod.vault.azure.net",
    "kv-prod.vault.azure.cn, kv-prod.vault.azure.cn",
    "kv1.vault.localhost:8443, kv1.vault.localhost:8443"
  })
  void namesHostsAndUrlsNameTheSameVault(String written, String host) {
    assertThat(new Vaults(null, null).host(written)).isEqualTo(host);
  }

  @org.junit.jupiter.api.Test
  void theSuffixTurnsNamesIntoHosts() {
    assertThat(new Vaults("kv1", "vault.localhost:8443").defaultVault())
        .isEqualTo("kv1.vault.localhost:8443");
    assertThatThrownBy(() -> new Vaults(null, "bad suffix!"))
        .isInstanceOf(ReferenceException.class)
        .hasMessageContaining("--key-vault-suffix");
    assertThatThrownBy(() -> new Vaults("http://kv.vault.azure.net", null))
        .hasMessageContaining("https");
  }

  @org.junit.jupiter.api.Test
  void versionsAre32HexDigits() {
    assertThat(SecretNames.isValidVersion(V)).isTrue();
    assertThat(SecretNames.isValidVersion(V.substring(1))).isFalse();
    assertThat(SecretNames.isValidVersion(V.replace('a', 'g'))).isFalse();
  }
}
