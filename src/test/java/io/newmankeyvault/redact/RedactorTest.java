package io.newmankeyvault.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
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

  /** As the Postman CLI 1.62's html report embedded them (LeakFormsIT's canaries). */
  @Test
  void redactsTheHtmlSafeJsonOfThePostmanClisHtmlReport() {
    values.add("CANARY-Kqchai \\ it's \u00ad Kqone");
    values.add("CANARY-Kqjunit\t<&>\"]]> Kqthree");
    values.add("CANARY-Kqurl it's=\"a b\"-Kqfive");

    assertThat(
            redactor.redact(
                "\"message\":\"expected \\u0027CANARY-Kqchai \\\\ it\\\\\\u0027s \\\\u00ad"
                    + " Kqone\\u0027 to equal \\u0027x\\u0027\""))
        .isEqualTo("\"message\":\"expected \\u0027***\\u0027 to equal \\u0027x\\u0027\"");
    assertThat(
            redactor.redact(
                "{\"name\":\"checks CANARY-Kqjunit\\t\\u003c\\u0026\\u003e\\\"]]\\u003e Kqthree\"}"))
        .isEqualTo("{\"name\":\"checks ***\"}");
    assertThat(
            redactor.redact(
                "\"body\":\"{\\\"path\\\":\\\"/echo/CANARY-Kqurl%20it\\u0027s=%22a%20b%22-Kqfive/end\\\","
                    + "\\\"query\\\":{\\\"q\\\":\\\"CANARY-Kqurl it\\u0027s=\\\\\\\"a b\\\\\\\"-Kqfive\\\"}}\""))
        .isEqualTo(
            "\"body\":\"{\\\"path\\\":\\\"/echo/***/end\\\",\\\"query\\\":{\\\"q\\\":\\\"***\\\"}}\"");
  }

  /**
   * A script's console.warn(JSON.stringify(pm.environment.toObject())), as the Postman CLI printed
   * it.
   */
  @Test
  void redactsAJsonStringifiedValueAsUtilInspectQuotesIt() {
    values.add("CANARY-leak-\"quoted\" back\\slash-END");

    assertThat(
            redactor.redact(
                "'{\"quote\":\"CANARY-leak-\\\\\"quoted\\\\\" back\\\\\\\\slash-END\"}'"))
        .isEqualTo("'{\"quote\":\"***\"}'");
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
  void redactsWhatIsLeftOfALongValueWhereverTheCutFalls() {
    Random random = new Random(11);
    StringBuilder big = new StringBuilder("CANARY-big-");
    while (big.length() < 1 << 16) {
      big.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
    }
    String value = big.toString();
    values.add(value);
    // Newman's CLI with --verbose shows 2,048 characters of a body, then "(showing 2KB/1MB)",
    // which the output pump joins to the line before.
    String clip = "(showing 2.05kB/65.6kB)";
    assertThat(redactor.redact(value.substring(0, 2048) + clip)).isEqualTo("***" + clip);
    // The value starts 8 characters before the cut: too few to mask wherever they occur, so they
    // are masked with what Newman writes after its cut.
    String body = "x".repeat(2040);
    assertThat(redactor.redact(body + value.substring(0, 8) + clip))
        .isEqualTo(body + "***2.05kB/65.6kB)");
    // util.inspect's cut at 10,000 characters.
    assertThat(redactor.redact("'" + value.substring(0, 10_000) + "'... 55536 more characters"))
        .isEqualTo("'***'... 55536 more characters");
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
