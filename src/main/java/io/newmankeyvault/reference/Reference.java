package io.newmankeyvault.reference;

/**
 * A secret reference as it was written, and the secret it points at.
 *
 * @param written the reference text ({@code {{vault:NAME}}}, {@code akv://...},
 *     {@code @Microsoft.KeyVault(...)}); a pointer, never a secret value
 * @param form which of the grammar's forms it is
 * @param secret the secret it resolves to
 */
public record Reference(String written, Form form, SecretId secret) {

  /** The reference forms of the README's References table. */
  public enum Form {
    POSTMAN_VAULT("{{vault:NAME}}"),
    AKV_URI("akv://"),
    APP_SERVICE_SECRET_URI("@Microsoft.KeyVault(SecretUri=...)"),
    APP_SERVICE_VAULT_NAME("@Microsoft.KeyVault(VaultName=...)");

    private final String label;

    Form(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
