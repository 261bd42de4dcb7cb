package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

  /**
   * The recording server got the 8 requests of the e2e collection ({@code collection.json}, or its
   * v3 folder), each secret byte for byte where the collection puts it, and the value of the {@code
   * "enabled": false} entry in none; {@code description} says what ran, for a failure.
   */
  static void assertEveryOneArrived(RecordingServer server, String description) {
    assertThat(server.requests()).as(description).hasSize(8);

    // {{vault:NAME}} in a header.
    assertThat(server.only("/header").header("X-Api-Key")).containsExactly(PLAIN);

    // In the query string, compared URL-decoded: {{vault:NAME}} substituted into the URL, and
    // an akv:// environment value (percent-encoded by a pre-request script: Newman sends '\'
    // raw in a query, and the JDK's HttpServer answers 400 to such a request line unseen).
    RecordedRequest query = server.only("/query");
    assertThat(query.queryParameter("api_key")).containsExactly(PLAIN);
    assertThat(query.queryParameter("q")).containsExactly(TRICKY);

    // The same value in a JSON body, byte for byte as JSON.stringify writes it.
    assertThat(server.only("/json").body())
        .isEqualTo(
            "{\"password\": \"CANARY-tricky \\\"quoted\\\" back\\\\slash and/slash-END\"}"
                .getBytes(StandardCharsets.UTF_8));

    // A nested variable: auth_header = "Bearer {{vault:e2e-token}}", used as {{auth_header}}.
    assertThat(server.only("/nested").header("Authorization")).containsExactly("Bearer " + TOKEN);

    // A multi-line secret from @Microsoft.KeyVault(SecretUri=...) in a collection variable.
    assertThat(server.only("/multiline").body())
        .isEqualTo(MULTILINE.getBytes(StandardCharsets.UTF_8));

    // --secret OPTION_SECRET=akv://e2e-vault/e2e-option.
    assertThat(server.only("/option").header("X-Option")).containsExactly(OPTION);

    // @Microsoft.KeyVault(VaultName=...;SecretName=...) in a collection variable.
    assertThat(server.only("/collection-variable").header("X-Client-Secret"))
        .containsExactly(COLLECTION);

    // The "enabled": false entry is dropped: the runner leaves the variable unresolved...
    assertThat(server.only("/disabled").header("X-Disabled"))
        .containsExactly("{{legacy_password}}");
    // ...and its value is in no request at all.
    for (RecordedRequest request : server.requests()) {
      assertThat(request.everything()).as(request.toString()).doesNotContain(DISABLED);
    }
  }

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
