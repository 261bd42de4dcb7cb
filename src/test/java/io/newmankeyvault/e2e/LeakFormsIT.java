package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Forms from the real libraries, end to end: the jar and real Newman 6.2.2 run one folder of {@code
 * test-fixtures/forms} each, with every reporter (cli with {@code --verbose}, json, junit,
 * htmlextra), and each canary must be gone, in every form, from stdout, stderr, every report and
 * the temporary directory: chai's messages (loupe's quoting and its cut), util.inspect's escapes
 * and its cut, JUnit's attribute escaping and CDATA, Postman's URL encoding and htmlextra's HTML
 * escaping of it, Basic credentials of a short password, and the visible part of a 1 MB body that
 * Newman's CLI shows 2,048 characters of.
 *
 * <p>Each case runs with Newman and with the Postman CLI on the v2.1 JSON ({@link LeakRunner}), the
 * CLI with its own reporters (cli with {@code --verbose}, json, junit, html) and {@code -i FOLDER}
 * for {@code --folder}; the checks of a form only Newman's libraries make (its reporters' layout,
 * its 2,048-character cut) are Newman's only, the sent bytes and the leak search are both's.
 */
class LeakFormsIT {
  private static final Path FIXTURES = Jar.projectDir().resolve("test-fixtures").resolve("forms");

  /** forms-big: a megabyte of letters and digits, made for each run. */
  private static final String BIG = big();

  private static final int WINDOW = 16;

  @TempDir Path runnerTemp;
  @TempDir Path work;
  @TempDir Path home; // the Postman CLI's HOME (its log)
  @TempDir Path inputs; // the secrets file with the big canary: holds canaries on purpose

  private RecordingServer server;
  private Map<String, String> canaries;
  private Path secrets;

  @BeforeEach
  void start() throws IOException {
    server = RecordingServer.start();
    canaries = LeakSearch.secretsFile(FIXTURES.resolve("forms.secrets"));
    assertThat(canaries).hasSize(6);
    secrets =
        Files.writeString(
            inputs.resolve("forms.secrets"),
            Files.readString(FIXTURES.resolve("forms.secrets")) + "forms-big=" + BIG + "\n");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void chaiMessagesAndJunitAttributes(LeakRunner runner) throws Exception {
    Jar.Result result = run(runner, "chai");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stdout()).contains("AssertionError", "to equal 'x'");
    if (runner.isNewman()) {
      assertThat(reportText(".xml")).contains("<testcase name=\"checks ***\"", "<![CDATA[");
    }
    assertNoLeak(result);
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void consoleLogThroughUtilInspect(LeakRunner runner) throws Exception {
    Jar.Result result = run(runner, "inspect");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    if (runner.isNewman()) {
      assertThat(result.stdout()).contains("more characters", "token: ");
    }
    assertNoLeak(result);
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void postmansUrlEncodingAndHtmlextrasEscapingOfIt(LeakRunner runner) throws Exception {
    Jar.Result result = run(runner, "url");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    RecordedRequest request = server.requests().get(0);
    assertThat(request.queryParameter("q")).containsExactly(canaries.get("forms-url"));
    assertThat(request.rawPathAndQuery()).contains("it's=%22a%20b%22-", "it%27s=%22a%20b%22-");
    if (runner.isNewman()) {
      assertThat(reportText(".html")).contains("/echo/***/end?q&#x3D;***");
    }
    assertNoLeak(result);
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void basicCredentialsOfAShortPassword(LeakRunner runner) throws Exception {
    Jar.Result result = run(runner, "basic");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("/echo/basic").header("Authorization"))
        .containsExactly("Basic " + basic("abc:" + canaries.get("forms-password")));
    if (runner.isNewman()) {
      assertThat(reportText(".html")).contains("Basic ***");
    }
    assertNoLeak(result);
  }

  @ParameterizedTest
  @EnumSource(names = {"NEWMAN", "POSTMAN_CLI"})
  void aBigBodyCutByNewmansVerboseOutput(LeakRunner runner) throws Exception {
    Jar.Result result = run(runner, "big");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("/echo/big").bodyText()).isEqualTo(BIG);
    if (runner.isNewman()) {
      assertThat(result.stdout()).contains("(showing 2.05kB/");
    }
    assertNoLeak(result);
  }

  // ---------------------------------------------------------------------------------------------

  private Jar.Result run(LeakRunner runner, String folder) throws Exception {
    List<String> args =
        runner.run(
            FIXTURES.resolve("collection.json"),
            secrets,
            "--reports-dir",
            reports().toString(),
            "--",
            "--env-var",
            "baseUrl=" + server.baseUrl(),
            runner.isNewman() ? "--folder" : "-i",
            folder,
            "--reporters",
            runner.everyReporter(),
            "--verbose");
    return Jar.start(runnerTemp, List.of(), runner.environment(home), args.toArray(String[]::new))
        .await(Jar.TIMEOUT);
  }

  private Path reports() {
    return work.resolve("reports");
  }

  private String reportText(String suffix) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.list(reports())) {
      for (Path file : files.filter(p -> p.toString().endsWith(suffix)).toList()) {
        text.append(Files.readString(file));
      }
    }
    assertThat(text).as("a %s report", suffix).isNotEmpty();
    return text.toString();
  }

  /**
   * No word of a canary (three or more letters and digits: every escaping and every cut keeps
   * them), no Basic credentials made of one, and no 16 characters of the big one, in the output, in
   * any file under the work directory (reports, JSON bodies decoded) or left in RUNNER_TEMP.
   */
  private void assertNoLeak(Jar.Result result) throws IOException {
    Set<String> words = new LinkedHashSet<>();
    for (String canary : canaries.values()) {
      for (String word : canary.split("[^A-Za-z0-9]+")) {
        if (word.length() >= 3) {
          words.add(word);
        }
      }
    }
    words.add(basic("abc:" + canaries.get("forms-password")));
    long[] bigWindows = windowHashes(BIG);

    assertNoLeak("stdout/stderr", result.output(), words, bigWindows);
    for (Path dir : List.of(work, runnerTemp, home)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          assertNoLeak(file.toString(), text + LeakSearch.decodedBuffers(text), words, bigWindows);
        }
      }
    }
    assertThat(Jar.entries(runnerTemp)).as("left behind in RUNNER_TEMP").isEmpty();
  }

  private static void assertNoLeak(String where, String text, Set<String> words, long[] big) {
    for (String word : words) {
      assertThat(text)
          .as("%s must not contain a canary's word '%s'", where, word)
          .doesNotContain(word);
    }
    long hash = 0;
    for (int i = 0; i < text.length(); i++) {
      hash = roll(hash, text, i);
      if (i >= WINDOW - 1 && Arrays.binarySearch(big, hash) >= 0) {
        String window = text.substring(i + 1 - WINDOW, i + 1);
        assertThat(BIG)
            .as("%s shows 16 characters of the big canary", where)
            .doesNotContain(window);
      }
    }
  }

  /** The hashes of every 16-character window of a text, sorted. */
  private static long[] windowHashes(String text) {
    long[] hashes = new long[Math.max(0, text.length() - WINDOW + 1)];
    long hash = 0;
    for (int i = 0; i < text.length(); i++) {
      hash = roll(hash, text, i);
      if (i >= WINDOW - 1) {
        hashes[i + 1 - WINDOW] = hash;
      }
    }
    Arrays.sort(hashes);
    return hashes;
  }

  private static final long BASE = 1_000_003L;
  private static final long DROP = power(BASE, WINDOW - 1);

  /** A polynomial hash of the window that ends at {@code i}, from the one that ended before. */
  private static long roll(long hash, String text, int i) {
    if (i >= WINDOW) {
      hash -= text.charAt(i - WINDOW) * DROP;
    }
    return hash * BASE + text.charAt(i);
  }

  private static long power(long base, int exponent) {
    long result = 1;
    for (int i = 0; i < exponent; i++) {
      result *= base;
    }
    return result;
  }

  private static String big() {
    Random random = new Random();
    StringBuilder big = new StringBuilder("CANARY-Kqbig-");
    while (big.length() < 1 << 20) {
      big.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
    }
    return big.toString();
  }

  private static String basic(String credentials) {
    return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
