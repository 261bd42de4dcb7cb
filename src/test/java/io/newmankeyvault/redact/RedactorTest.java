package io.newmankeyvault.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final ProtectedValues values = new ProtectedValues();
  private final Redactor redactor = new Redactor(values);

  @Test
  void redactsTheValueAndItsEncodedForms() {
    String secret = "p@ss \"w\\rd\"/x";
    values.add(secret);

    assertThat(redactor.redact("plain " + secret + " end")).isEqualTo("plain *** end");
    assertThat(redactor.redact("{\"v\":\"p@ss \\\"w\\\\rd\\\"/x\"}")).isEqualTo("{\"v\":\"***\"}");
    assertThat(redactor.redact("?q=p%40ss+%22w%5Crd%22%2Fx&")).isEqualTo("?q=***&");
    assertThat(redactor.redact("?q=p%40ss%20%22w%5Crd%22%2Fx&")).isEqualTo("?q=***&");
    String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    assertThat(redactor.redact("Basic " + base64)).isEqualTo("Basic ***");
  }

  @Test
  void redactsAJsonStringInsideAnEchoedJsonBodyShownInAnHtmlReport() {
    values.add("pass \"q\" &<b>/%-END");
    // Seen in htmlextra's report of the demo: the request body {"password": "pass \"q\" ..."},
    // echoed as a string in the JSON response, then HTML-escaped: three escapings deep.
    String inReport =
        "&quot;body&quot;:&quot;{\\&quot;password\\&quot;: \\&quot;pass \\\\\\&quot;q\\\\\\&quot;"
            + " &amp;&lt;b&gt;/%-END\\&quot;}&quot;";

    assertThat(redactor.redact(inReport))
        .isEqualTo("&quot;body&quot;:&quot;{\\&quot;password\\&quot;: \\&quot;***\\&quot;}&quot;");
  }

  @Test
  void redactsEachLongLineOfAMultiLineValueButNotTrivialOnes() {
    values.add("-----BEGIN KEY-----\nMIIEvQIBADANBg\n}\n-----END KEY-----");

    assertThat(redactor.redact("line: MIIEvQIBADANBg\n")).isEqualTo("line: ***\n");
    assertThat(redactor.redact("{ }")).isEqualTo("{ }");
  }

  @Test
  void redactsWhatNodeAndChaiPrint() {
    String token = "CANARY-long-eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl-END";
    values.add(token);
    values.add("back\\slash it's");
    assertThat(
            redactor.redact("expected 'CANARY-long-eyJhbGciOiJIUzI1NiJ9.eyJz\u2026' to equal 'x'"))
        .isEqualTo("expected '***' to equal 'x'");
    assertThat(redactor.redact("  \"back\\\\slash it's\"")).isEqualTo("  \"***\"");
    // A value inside a longer string chai cut at 37 characters: 'Bearer ' + token.
    assertThat(redactor.redact("expected 'Bearer CANARY-long-eyJhbGciOiJIUzI1NiJ9\u2026' to equal"))
        .isEqualTo("expected 'Bearer ***' to equal");
    assertThat(redactor.redact("expected '" + "x".repeat(33) + "CANA\u2026' to equal"))
        .isEqualTo("expected '" + "x".repeat(33) + "***' to equal");
  }

  @Test
  void findsBase64OfAValueInsideALongerEncodedText() {
    values.add("s3cr3t-p@ssword");
    for (String user : List.of("a", "ab", "abc")) {
      String basic =
          Base64.getEncoder()
              .encodeToString((user + ":s3cr3t-p@ssword").getBytes(StandardCharsets.UTF_8));
      assertThat(redactor.containsProtected("Authorization: Basic " + basic)).as(user).isTrue();
    }
  }

  @Test
  void masksAFormSplitAcrossWrappedPieces() {
    values.add("CANARY-wrapped-value-END");
    List<byte[]> pieces =
        redactor.redactWrapped(List.of(bytes("log: 'CANARY-wrap"), bytes("ped-value-END' done")));
    assertThat(pieces)
        .extracting(b -> new String(b, StandardCharsets.UTF_8))
        .containsExactly("log: '***", "***' done");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void picksUpValuesAddedLaterAndPrefersTheLongestMatch() {
    assertThat(redactor.redact("abc-token")).isEqualTo("abc-token");
    values.addAll(List.of("abcd", "abcd-token"));
    assertThat(redactor.redact("x abcd-token y abcd")).isEqualTo("x *** y ***");
    assertThat(redactor.containsProtected("no secrets here")).isFalse();
    assertThat(redactor.containsProtected("has abcd")).isTrue();
  }

  @Test
  void valuesTooShortToHideAreNotProtected() {
    values.addAll(List.of("x", "ab", "abc"));
    assertThat(values.values()).isEmpty();
    assertThat(redactor.redact("x ab abc")).isEqualTo("x ab abc");
  }
}
