package io.newmankeyvault.postman;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.Cli;
import io.newmankeyvault.testing.FakePostmanApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documents given as their Postman API URL, the way {@code newman run URL?apikey=...} takes them,
 * against a fake Postman API, in GitHub Actions mode: the id is used, the key is masked before any
 * other line, sent only in the {@code X-Api-Key} header, and never shown; no error quotes a URL's
 * user part, query or fragment.
 */
class PostmanUrlTest {
  private static final String KEY = "PMAK-CANARY-" + UUID.randomUUID() + "-END";
  private static final String OTHER = "PMAK-CANARY-other-" + UUID.randomUUID() + "-END";
  private static final String COLLECTION = "12345678-" + UUID.randomUUID();
  private static final String ENVIRONMENT = "12345678-" + UUID.randomUUID();

  @TempDir Path dir;
  private FakePostmanApi postman;
  private final Cli cli = new Cli();
  private Cli.Result result;

  @BeforeEach
  void start() throws IOException {
    postman = new FakePostmanApi(KEY);
    postman.collection(
        COLLECTION,
        "{\"info\":{\"name\":\"by url\",\"schema\":"
            + "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
            + "\"item\":[]}");
    postman.environment(ENVIRONMENT, "{\"id\":\"e\",\"name\":\"staging\",\"values\":[]}");
    cli.env.put("GITHUB_ACTIONS", "true");
    cli.env.put("RUNNER_TEMP", dir.resolve("runner-temp").toString());
  }

  @AfterEach
  void stop() {
    postman.close();
  }

  private String url(String kind, String id, String tail) {
    return postman.url() + "/" + kind + "s/" + id + tail;
  }

  private Cli.Result dryRun(String collection, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "-c",
                collection,
                "--postman-api-url",
                postman.url(),
                "--secrets-file",
                "/dev/null",
                "--dry-run"));
    args.addAll(List.of(more));
    result = cli.run(args.toArray(String[]::new));
    return result;
  }

  /**
   * The key masked first, then never shown (but in its masking line), and no request line holding
   * it; the same for every other canary.
   */
  private void assertProtected(String... canaries) {
    for (String canary : canaries) {
      List<String> lines = result.stdout().lines().toList();
      assertThat(lines).as(result.toString()).contains("::add-mask::" + canary);
      assertThat(lines.get(0)).as("masked before any other line").startsWith("::add-mask::");
      assertThat(
              result
                  .stdout()
                  .replace("::add-mask::" + canary + "\n", "")
                  .replaceAll("(?m)^::add-mask::.*\n", ""))
          .doesNotContain(canary);
      assertThat(result.stderr()).doesNotContain(canary);
      String stem = canary.substring(0, 24);
      assertThat(result.stderr()).doesNotContain(stem);
      postman
          .requests()
          .forEach(
              r -> assertThat(r.requestLine()).doesNotContain("PMAK").doesNotContain("apikey"));
    }
  }

  @Test
  void theUrlsIdIsDownloadedWithItsKeyInTheHeaderOnly() {
    dryRun(
        url("collection", COLLECTION, "?apikey=" + KEY),
        "-e",
        url("environment", ENVIRONMENT, "?apikey=" + KEY));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(postman.requests())
        .extracting(FakePostmanApi.Request::requestLine)
        .containsExactlyInAnyOrder(
            "GET /collections/" + COLLECTION, "GET /environments/" + ENVIRONMENT);
    assertThat(postman.requests())
        .allSatisfy(r -> assertThat(r.headers().get("X-api-key")).containsExactly(KEY));
    assertThat(result.stderr())
        .containsOnlyOnce(
            "newman-keyvault: warning: the collection URL carries the Postman API key (apikey=):"
                + " it is used")
        .contains("pass it through POSTMAN_API_KEY instead");
    assertProtected(KEY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "?apiKey=$K",
        "?API_KEY=$K",
        "?x-api-key=$K",
        "?api%6Bey=$K",
        "?model=minimal&apikey=$ENCODED",
        "#apikey=$K",
        "/?apikey=$K"
      })
  void everySpellingOfTheKeyIsUnderstood(String tail) {
    String encoded = KEY.replace("-", "%2D");
    dryRun(url("collection", COLLECTION, tail.replace("$K", KEY).replace("$ENCODED", encoded)));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(postman.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.headers().get("X-api-key")).containsExactly(KEY));
    assertProtected(KEY);
    assertThat(result.stderr()).doesNotContain(encoded.substring(0, 24));
  }

  @Test
  void theKeyFromTheEnvironmentWinsAndTheUrlsIsMaskedAndIgnored() {
    cli.env.put("POSTMAN_API_KEY", KEY);
    dryRun(url("collection", COLLECTION, "?apikey=" + OTHER));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(postman.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.headers().get("X-api-key")).containsExactly(KEY));
    assertThat(result.stderr())
        .contains(
            "warning: the collection URL carries a Postman API key (apikey=) that is not used: the"
                + " key from POSTMAN_API_KEY or --postman-api-key-file is");
    assertProtected(KEY, OTHER);
  }

  @Test
  void twoUrlsWithTwoKeysAreAUsageError() {
    dryRun(
        url("collection", COLLECTION, "?apikey=" + KEY),
        "-e",
        url("environment", ENVIRONMENT, "?apikey=" + OTHER));
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("the documents' URLs carry different Postman API keys");
    assertThat(postman.requests()).isEmpty();
    assertProtected(KEY, OTHER);
  }

  @Test
  void aKeyInTheUserPartIsMaskedButNotUsed() {
    String withUser = postman.url().replace("http://", "http://" + KEY + "@");
    dryRun(withUser + "/collections/" + COLLECTION);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("warning: the collection URL carries credentials that are not used")
        .contains("set POSTMAN_API_KEY");
    assertThat(postman.requests()).isEmpty();
    assertProtected(KEY);
  }

  @Test
  void aUrlThatIsNotThePostmanApiIsRefusedWithoutItsCredentials() {
    dryRun("https://robot:" + KEY + "@example.com/c.json?token=" + OTHER + "#frag");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .isEqualTo(
            "error: collection https://example.com is a URL but not a collection of the Postman"
                + " API (.../collections/ID): download it and pass the file, or pass the"
                + " collection's Postman id\n");
    assertProtected(KEY, OTHER);
  }

  @Test
  void aUrlOfAnotherApiIsRefusedNamingHostsOnly() {
    dryRun("https://api.eu.postman.com/collections/" + COLLECTION + "?apikey=" + KEY);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .contains(
            "the collection URL names the Postman API at https://api.eu.postman.com but the run"
                + " uses "
                + postman.url());
    assertThat(postman.requests()).isEmpty();
    assertProtected(KEY);
  }

  @Test
  void aUrlOfTheOtherKindIsRefused() {
    dryRun(url("environment", ENVIRONMENT, "?apikey=" + KEY));
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .contains(
            "the --collection URL names a Postman environment, not a collection: pass it with"
                + " --environment");
    assertProtected(KEY);
  }

  @Test
  void aUrlWithoutItsSchemeIsAMissingFileWhoseKeyIsMasked() {
    dryRun("api.getpostman.com/collections/" + COLLECTION + "?apikey=" + KEY);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("cannot read collection file", "?apikey=***");
    assertProtected(KEY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://u:$K@api.getpostman.com/ x",
        "ftp://u:$K@api.getpostman.com",
        "https://api.getpostman.com?apikey=$K",
        "https://$K@api.getpostman.com"
      })
  void aBadPostmanApiUrlIsNeverQuoted(String apiUrl) {
    result =
        cli.run(
            "run", "-c", COLLECTION, "--postman-api-url", apiUrl.replace("$K", KEY), "--dry-run");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).startsWith("error: --postman-api-url ");
    assertProtected(KEY);
  }

  @Test
  void fetchUnderstandsTheUrlsToo() throws IOException {
    Path out = dir.resolve("out");
    result =
        cli.run(
            "fetch",
            "-c",
            url("collection", COLLECTION, "?apikey=" + KEY),
            "-e",
            url("environment", ENVIRONMENT, "?apiKey=" + KEY),
            "--postman-api-url",
            postman.url(),
            "--output-dir",
            out.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(out.resolve("collection.json")).exists();
    assertThat(out.resolve("environment.json")).exists();
    assertThat(postman.requests())
        .allSatisfy(r -> assertThat(r.headers().get("X-api-key")).containsExactly(KEY));
    assertThat(result.stderr()).contains("warning: the collection URL carries the Postman API key");
    assertProtected(KEY);
    assertThat(Cli.filesUnder(out)).allSatisfy((f, text) -> assertThat(text).doesNotContain(KEY));
    assertThat(Files.readString(out.resolve(".newman-keyvault-fetch.json"))).doesNotContain("PMAK");
  }
}
