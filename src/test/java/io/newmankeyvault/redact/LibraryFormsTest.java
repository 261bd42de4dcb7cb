package io.newmankeyvault.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each form {@link ValueForms} knows, against the library that makes it: a small Node script
 * ({@code library-forms.js}) has the real modules Newman bundles render canary values (chai in a
 * real postman-sandbox, Newman's util.inspect options, xmlbuilder as the JUnit reporter calls it,
 * postman-collection and postman-url-encoder as postman-runtime resolves and sends a URL,
 * handlebars as htmlextra escapes, postman-runtime's Basic authorizer); the redactor must leave no
 * word of a canary in what they render, and keep the text around it.
 */
class LibraryFormsTest {
  private static final Path PROJECT =
      Path.of(System.getProperty("nkv.projectDir", ".")).toAbsolutePath();

  /** A backslash, a single quote and a soft hyphen (U+00AD): loupe writes the last as \u00ad. */
  private static final String CHAI = "CANARY-Chai \\ it's \u00ad END";

  /** Characters XML escapes in attributes and text, and CDATA's end marker. */
  private static final String JUNIT = "CANARY-Junit\t<&>\"]]> END";

  /** A password short enough that no base64 piece of {@code user:password} is a pattern. */
  private static final String SHORT = "Zx9!q";

  /** ESC and DEL: util.inspect writes them as \x1B and \x7F, loupe as \u001b and \u007f. */
  private static final String CONTROL = "CANARY-Esc \u001b[1m \u007f END";

  /** Longer than chai's truncateThreshold once quoted, with the characters loupe escapes. */
  private static final String LONG = "CANARY-Chai-long \\ it's \u00ad 0123456789abcdefghij END";

  /** Characters postman-url-encoder encodes in a path but not in a query value, and '='. */
  private static final String URL = "CANARY-Url {it's}=\"a b\"|^\\END";

  private static final List<String> VALUES = List.of(CHAI, JUNIT, SHORT, CONTROL, LONG, URL);

  private static JsonNode renderings;

  private final ProtectedValues values = new ProtectedValues();
  private final Redactor redactor = new Redactor(values);

  LibraryFormsTest() {
    values.addAll(VALUES);
  }

  @BeforeAll
  static void renderWithTheRealLibraries() throws IOException, InterruptedException {
    Path script = PROJECT.resolve("src/test/resources/io/newmankeyvault/redact/library-forms.js");
    Process node =
        new ProcessBuilder("node", script.toString(), PROJECT.resolve("node_modules").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (OutputStream in = node.getOutputStream()) {
      in.write(new JsonMapper().writeValueAsBytes(VALUES));
    }
    byte[] out = node.getInputStream().readAllBytes();
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
    assertThat(node.exitValue()).as("node's exit code").isZero();
    renderings = new JsonMapper().readTree(out);
    assertThat(Files.isRegularFile(script)).isTrue();
  }

  @Test
  void chaiKeepsBackslashesAndEscapesSingleQuotes() {
    assertThat(rendering(CHAI, "chai.equal")).contains("it\\'s").contains(" \\ ");
    assertRedacted(CHAI, "chai.equal", "expected '***' to equal 'x'");
    assertRedacted(CHAI, "chai.object", "expected { k: '***' } to deeply equal {}");
    // The same message in the JSON report and in htmlextra's.
    assertRedacted(CHAI, "json.chai", "{\"message\":\"expected '***' to equal 'x'\"}");
    assertRedacted(CHAI, "htmlextra.chai", "expected &#x27;***&#x27; to equal &#x27;x&#x27;");
  }

  @Test
  void chaiWritesControlAndFormatCharactersAsUnicodeEscapes() {
    assertThat(rendering(CHAI, "chai.equal")).contains("\\u00ad");
    assertThat(rendering(CONTROL, "chai.equal")).contains("\\u001b", "\\u007f");
    assertRedacted(CONTROL, "chai.equal", "expected '***' to equal 'x'");
    assertRedacted(CONTROL, "chai.bearer", "expected 'Bearer ***' to equal 'x'");
  }

  @Test
  void chaiCutsALongStringAtItsTruncateThreshold() {
    assertThat(rendering(LONG, "chai.bearer")).contains("\u2026");
    assertRedacted(LONG, "chai.equal", "expected '***' to equal 'x'");
    assertRedacted(LONG, "chai.bearer", "expected 'Bearer ***' to equal 'x'");
    assertRedacted(LONG, "json.chai", "{\"message\":\"expected '***' to equal 'x'\"}");
    assertRedacted(LONG, "htmlextra.chai", "expected &#x27;***&#x27; to equal &#x27;x&#x27;");
    assertRedacted(LONG, "junit.message", null);
  }

  @Test
  void utilInspectWritesControlCharactersAsHexEscapes() {
    assertThat(rendering(CONTROL, "inspect.string")).contains("\\x1B", "\\x7F");
    assertRedacted(CONTROL, "inspect.string", "'***'");
    assertRedacted(CONTROL, "inspect.object", "{\n  token: '***'\n}");
  }

  @Test
  void utilInspectDoublesBackslashesAndPicksItsQuote() {
    assertRedacted(CHAI, "inspect.string", "\"***\"");
    // Both quotes in the value: util.inspect quotes it with backticks.
    assertRedacted(URL, "inspect.object", "{\n  token: `***`\n}");
  }

  @Test
  void utilInspectCutsAStringAtMaxStringLength() {
    for (String value : List.of(LONG, CHAI, CONTROL)) {
      assertThat(rendering(value, "inspect.cut8")).contains("more characters");
      assertRedacted(value, "inspect.cut8", null);
    }
    assertThat(rendering(LONG, "inspect.cut24")).contains("more characters");
    assertRedacted(LONG, "inspect.cut24", null);
  }

  @Test
  void junitAttributesEscapeTabsAndQuotesButNotGreaterThan() {
    assertThat(rendering(JUNIT, "junit.name")).contains("&#x9;&lt;&amp;>&quot;");
    assertRedacted(JUNIT, "junit.name", "<testcase name=\"***\">");
    assertRedacted(JUNIT, "junit.message", "message=\"expected '***' to equal 'x'\"");
    assertRedacted(URL, "junit.name", "<testcase name=\"***\">");
  }

  @Test
  void junitCdataSplitsItsEndMarker() {
    assertThat(rendering(JUNIT, "junit.message")).contains("]]]]><![CDATA[>");
    assertRedacted(
        JUNIT, "junit.message", "<![CDATA[Error message: expected '***' to equal 'x'.]]>");
  }

  @Test
  void postmanSendsAQueryValueWithItsEqualsSignsUnencoded() {
    assertThat(rendering(URL, "url.query.sent")).contains("}=%22a%20b%22");
    for (String value : List.of(URL, CHAI, JUNIT, CONTROL)) {
      assertRedacted(value, "url.query.printed", "http://127.0.0.1:1234/echo?q=***");
      assertRedacted(value, "url.query.sent", "http://127.0.0.1:1234/echo?q=***");
    }
  }

  @Test
  void postmanEncodesAPathOtherwiseAndTurnsBackslashesIntoSlashes() {
    assertThat(rendering(URL, "url.path.sent")).contains("%7Bit's%7D=", "|^/END");
    for (String value : List.of(URL, CHAI, CONTROL)) {
      assertRedacted(value, "url.path.printed", "http://127.0.0.1:1234/echo/***/end");
      assertRedacted(value, "url.path.sent", "http://127.0.0.1:1234/echo/***/end");
    }
  }

  @Test
  void htmlextraEscapesUrlEncodedTextAgain() {
    assertThat(rendering(URL, "htmlextra.sent")).contains("&#x3D;%22a%20b%22");
    for (String value : List.of(URL, CHAI, JUNIT)) {
      assertRedacted(value, "htmlextra.url", "http://127.0.0.1:1234/echo?q&#x3D;***");
      assertRedacted(value, "htmlextra.sent", "http://127.0.0.1:1234/echo?q&#x3D;***");
      assertRedacted(value, "htmlextra.encodeURIComponent", "***");
    }
  }

  @Test
  void basicCredentialsOfAShortPasswordAndAShortUser() {
    for (String value : VALUES) {
      assertRedacted(value, "basic", "Authorization: Basic ***");
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static String rendering(String value, String name) {
    JsonNode text = renderings.path(String.valueOf(VALUES.indexOf(value))).path(name);
    assertThat(text.isTextual()).as("the library rendered %s", name).isTrue();
    return text.asText();
  }

  /**
   * The library's rendering of the value, redacted, shows no word of the value (a run of three or
   * more letters and digits: every escaping and cut keeps them) and, where given, is exactly {@code
   * expected}: the text around the value is kept.
   */
  private void assertRedacted(String value, String name, String expected) {
    String redacted = redactor.redact(rendering(value, name));
    assertThat(redacted).as(name).contains(Redactor.MASK);
    for (String word : words(value)) {
      assertThat(redacted).as("%s shows part of the value", name).doesNotContain(word);
    }
    if (expected != null) {
      assertThat(redacted).as(name).contains(expected);
    }
  }

  private static List<String> words(String value) {
    List<String> words = new ArrayList<>();
    for (String word : value.split("[^A-Za-z0-9]+")) {
      if (word.length() >= 3) {
        words.add(word);
      }
    }
    return words;
  }
}
