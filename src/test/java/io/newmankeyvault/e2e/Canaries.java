package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * The canary values of {@code test-fixtures/e2e/e2e.secrets} and {@code environment.json}, as the
 * server must receive them. Every line of every canary contains {@link #MARKER}, so "no canary in
 * the output" is one substring check that also catches encoded or partial forms.
 */
final class Canaries {
  static final String MARKER = "CANARY";

  /** e2e-plain: a header. */
  static final String PLAIN = "CANARY-plain-4b1d-END";

  /** e2e-token: through {@code auth_header = Bearer {{vault:e2e-token}}}. */
  static final String TOKEN = "CANARY-token-8c2e-END";

  /** e2e-tricky: {@code "}, {@code \}, spaces and {@code /}; query string and JSON body. */
  static final String TRICKY = "CANARY-tricky \"quoted\" back\\slash and/slash-END";

  /** e2e-multiline: two lines, from a SecretUri collection variable. */
  static final String MULTILINE = "CANARY-multi-line-one\nCANARY-multi-line-two-END";

  /** e2e-option: from {@code --secret OPTION_SECRET=akv://e2e-vault/e2e-option}. */
  static final String OPTION = "CANARY-option-5f6a-END";

  /** e2e-collection: from a VaultName/SecretName collection variable. */
  static final String COLLECTION = "CANARY-collection-9d0b-END";

  /** e2e-long: longer than Newman's 54-column wrap of console output in CI. */
  static final String LONG =
      "CANARY-long-eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl-END";

  /** The {@code "enabled": false} environment entry: must never be sent. */
  static final String DISABLED = "CANARY-disabled-1e2f-END";

  static final List<String> SECRETS =
      List.of(PLAIN, TOKEN, TRICKY, MULTILINE, OPTION, COLLECTION, LONG);

  private Canaries() {}

  /** The text shows no canary, whole, in part or encoded. */
  static void assertNoCanary(String what, String text) {
    assertThat(text).as(what + " must not show any canary value").doesNotContain(MARKER);
    for (String canary : SECRETS) {
      for (String line : canary.split("\n")) {
        assertThat(text).as(what + " must not show a canary value").doesNotContain(line);
      }
    }
  }
}
