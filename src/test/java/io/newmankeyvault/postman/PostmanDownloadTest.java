package io.newmankeyvault.postman;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.cli.Services;
import io.newmankeyvault.newman.WarmNewman;
import io.newmankeyvault.testing.Cli;
import io.newmankeyvault.testing.FakePostmanApi;
import io.newmankeyvault.testing.FakePostmanApi.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads through a fake Postman API on 127.0.0.1 with the real JDK HTTP client, and real Newman
 * where a run gets that far. After every run the canary key must be nowhere: not in a request line,
 * not in the output, not in any file left behind.
 */
class PostmanDownloadTest {
  private static final String KEY = "PMAK-CANARY-" + UUID.randomUUID() + "-END";
  private static final String SECRET = "CANARY-download-" + UUID.randomUUID() + "-END";
  private static final String COLLECTION_UID = "12345678-" + UUID.randomUUID();
  private static final String ENVIRONMENT_UID = "12345678-" + UUID.randomUUID();

  @TempDir Path dir;
  private FakePostmanApi postman;
  private final Cli cli = new Cli();
  private Cli.Result result;

  @BeforeEach
  void start() throws IOException {
    postman = new FakePostmanApi(KEY);
    postman.collection(
        COLLECTION_UID,
        """
        {"info":{"name":"downloaded","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
         "item":[{"name":"r","request":{"method":"GET","url":"%s/echo?token={{vault:api-token}}&user={{user}}"}}]}
        """
            .formatted(postman.url()));
    postman.environment(
        ENVIRONMENT_UID,
        "{\"id\":\"e\",\"name\":\"staging\",\"values\":[{\"key\":\"user\",\"value\":\"alice\",\"enabled\":true}]}");
    Files.writeString(dir.resolve("s.secrets"), "api-token=" + SECRET + "\n");
    cli.env.put("POSTMAN_API_KEY", KEY);
    cli.env.put("RUNNER_TEMP", dir.resolve("runner-temp").toString());
    // The production policy's attempts and caps, with millisecond backoffs: no test waits
    // seconds of random jitter (a 429's Retry-After is still waited for as the server asks).
    RetryPolicy production = RetryPolicy.DEFAULT;
    cli.services =
        new Services(
            new RetryPolicy(
                production.maxAttempts(),
                Duration.ofMillis(1),
                Duration.ofMillis(4),
                production.retryAfterCap(),
                production.attemptTimeout(),
                production.deadline()),
            cleanup -> () -> {},
            WarmNewman.none());
  }

  @AfterEach
  void nothingLeaks() throws IOException {
    postman.close();
    if (result == null) {
      return;
    }
    assertThat(result.stdout() + result.stderr()).doesNotContain(KEY).doesNotContain(SECRET);
    for (FakePostmanApi.Request request : postman.requests()) {
      assertThat(request.requestLine()).doesNotContain(KEY).doesNotContain("PMAK");
    }
    assertThat(Cli.filesUnder(dir))
        .allSatisfy((file, content) -> assertThat(content).as(file.toString()).doesNotContain(KEY));
    Path runnerTemp = dir.resolve("runner-temp");
    if (Files.exists(runnerTemp)) {
      assertThat(Cli.entriesUnder(runnerTemp)).isEmpty();
    }
  }

  private Cli.Result run(String... extra) {
    String[] base = {
      "run",
      "--collection",
      COLLECTION_UID,
      "--environment",
      ENVIRONMENT_UID,
      "--postman-api-url",
      postman.url(),
      "--secrets-file",
      dir.resolve("s.secrets").toString(),
      "--newman",
      Cli.newman()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    result = cli.run(args);
    return result;
  }

  private long requestsTo(String path) {
    return postman.requests().stream().filter(r -> r.requestLine().contains(path)).count();
  }

  @Test
  void downloadsByUidAndRunsThroughNewman() {
    assertThat(run().exitCode()).as(result.stderr()).isZero();

    assertThat(postman.requests())
        .extracting(FakePostmanApi.Request::requestLine)
        .contains("GET /collections/" + COLLECTION_UID, "GET /environments/" + ENVIRONMENT_UID);
    assertThat(postman.requests())
        .filteredOn(r -> !r.requestLine().startsWith("GET /echo"))
        .allSatisfy(r -> assertThat(r.headers().get("X-api-key")).containsExactly(KEY));
    assertThat(postman.requests())
        .filteredOn(r -> r.requestLine().startsWith("GET /echo"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.requestLine()).isEqualTo("GET /echo?token=" + SECRET + "&user=alice"));
    assertThat(result.stdout()).contains("downloaded", "/echo?token=***&user=alice");
  }

  @Test
  void aFileOfTheSameNameWinsOverTheId() throws IOException {
    Path file = dir.resolve(COLLECTION_UID);
    Files.writeString(
        file,
        "{\"info\":{\"schema\":\"https://schema.getpostman.com/json/collection/v2.1.0/\"},\"item\":[]}");
    cli.env.remove("POSTMAN_API_KEY");
    result = cli.run("run", "--collection", file.toString(), "--dry-run");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(postman.requests()).isEmpty();
  }

  @Test
  void aRejectedKeyIsExit3AndNamesTheId() {
    cli.env.put("POSTMAN_API_KEY", "PMAK-CANARY-wrong-END");
    assertThat(run("--dry-run").exitCode()).isEqualTo(3);
    assertThat(result.stderr())
        .contains(
            "the Postman API rejected the API key (401 AuthenticationError) while fetching"
                + " collection "
                + COLLECTION_UID)
        .contains("check that POSTMAN_API_KEY")
        .doesNotContain("PMAK-CANARY-wrong-END");
  }

  @Test
  void notFoundAnswersNameWhichDocumentIsMissing() {
    postman.script(
        "/environments/" + ENVIRONMENT_UID,
        new Answer(
            404,
            Map.of(),
            "{\"error\":{\"name\":\"instanceNotFoundError\",\"message\":\"We could not find the"
                + " environment you are looking for\"}}"));
    assertThat(run("--dry-run").exitCode()).isEqualTo(3);
    assertThat(result.stderr())
        .isEqualTo(
            "error: environment "
                + ENVIRONMENT_UID
                + " was not found in Postman (404 instanceNotFoundError): check the id, and that"
                + " the key's user can see the environment\n");
  }

  @Test
  void theBadRequestNotFoundVariantIsNotFoundToo() {
    postman.script(
        "/collections/" + COLLECTION_UID,
        new Answer(
            400,
            Map.of(),
            "{\"error\":{\"name\":\"instanceNotFoundError\",\"message\":\"We could not find the"
                + " collection you are looking for\"}}"));
    assertThat(run("--dry-run").exitCode()).isEqualTo(3);
    assertThat(result.stderr())
        .contains(
            "collection "
                + COLLECTION_UID
                + " was not found in Postman (400 instanceNotFoundError)");
  }

  @Test
  void anExhaustedQuotaIsNotRetried() {
    postman.script(
        "/collections/" + COLLECTION_UID,
        new Answer(
            429,
            Map.of("Retry-After", "1"),
            "{\"type\":\"https://api.postman.com/problems/serviceLimitExhausted\",\"title\":\"Service"
                + " limit exhausted\",\"detail\":\"You've reached your monthly limit\",\"status\":429}"));
    assertThat(run("--dry-run").exitCode()).isEqualTo(3);
    assertThat(result.stderr())
        .contains("monthly request quota is used up (serviceLimitExhausted)");
    assertThat(requestsTo("/collections/")).isEqualTo(1);
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() {
    postman.script(
        "/collections/" + COLLECTION_UID,
        new Answer(503, Map.of(), "{\"error\":{\"name\":\"serverError\",\"message\":\"busy\"}}"),
        new Answer(502, Map.of(), "<html>bad gateway</html>"));
    assertThat(run("--dry-run").exitCode()).as(result.stderr()).isZero();
    assertThat(requestsTo("/collections/")).isEqualTo(3);
    assertThat(result.stderr())
        .contains(
            "newman-keyvault: Postman API: server error 503 for collection "
                + COLLECTION_UID
                + "; retrying in")
        .contains("(attempt 2 of 5)", "(attempt 3 of 5)");
  }

  @Test
  void aRateLimitWaitsTheTimeTheServerAsks() {
    postman.script(
        "/environments/" + ENVIRONMENT_UID,
        new Answer(
            429,
            Map.of("Retry-After", "1"),
            "{\"error\":{\"name\":\"rateLimited\",\"message\":\"Rate limit exceeded\"}}"));
    long start = System.nanoTime();
    assertThat(run("--dry-run").exitCode()).as(result.stderr()).isZero();
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1000);
    assertThat(result.stderr())
        .contains(
            "rate limit reached (429) for environment " + ENVIRONMENT_UID + "; retrying in 1.0 s");
    assertThat(requestsTo("/environments/")).isEqualTo(2);
  }

  @Test
  void bothFailuresAreReportedWhenBothDownloadsFail() {
    postman.script(
        "/collections/" + COLLECTION_UID,
        new Answer(403, Map.of(), "{\"error\":{\"name\":\"forbiddenError\",\"message\":\"no\"}}"));
    postman.script("/environments/" + ENVIRONMENT_UID, new Answer(404, Map.of(), ""));
    assertThat(run("--dry-run").exitCode()).isEqualTo(3);
    assertThat(result.stderr().lines())
        .containsExactly(
            "error: the Postman API denied access to collection "
                + COLLECTION_UID
                + " (403 forbiddenError): the key's user needs access to that collection",
            "error: environment "
                + ENVIRONMENT_UID
                + " was not found in Postman (404): check the id, and that the key's user can see"
                + " the environment");
  }

  @Test
  void anUnreachableApiIsExit3AfterBoundedAttempts() {
    String url = postman.url();
    postman.close();
    result = cli.run("run", "-c", COLLECTION_UID, "--postman-api-url", url, "--dry-run");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stderr())
        .contains(
            "could not fetch collection "
                + COLLECTION_UID
                + " from the Postman API at 127.0.0.1: connection refused (5 attempts)");
  }

  @Test
  void theKeyIsRefusedOnTheCommandLine() {
    result = cli.run("run", "-c", COLLECTION_UID, "--postman-api-key", KEY);
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .contains(
            "--postman-api-key is refused: a key on the command line is visible to every process");
    result = cli.run("run", "-c", COLLECTION_UID, "--postman-api-key=" + KEY);
    assertThat(result.exitCode()).isEqualTo(2);
  }

  @Test
  void theKeyCanComeFromAFile() throws IOException {
    cli.env.remove("POSTMAN_API_KEY");
    Path keyFile = Files.writeString(dir.resolve("key"), KEY + "\n");
    assertThat(run("--dry-run", "--postman-api-key-file", keyFile.toString()).exitCode())
        .as(result.stderr())
        .isZero();
    assertThat(postman.requests())
        .filteredOn(r -> r.requestLine().contains("/collections/"))
        .allSatisfy(r -> assertThat(r.headers().get("X-api-key")).containsExactly(KEY));
    Files.delete(keyFile); // the test's own input, not something the tool left behind
  }

  @Test
  void anIdWithoutAKeyIsAUsageError() {
    cli.env.remove("POSTMAN_API_KEY");
    assertThat(run("--dry-run").exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("set POSTMAN_API_KEY");
  }

  @Test
  void plainHttpIsRefusedExceptToLoopback() {
    result = cli.run("run", "-c", COLLECTION_UID, "--postman-api-url", "http://api.getpostman.com");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("uses plain http to api.getpostman.com");
    assertThat(PostmanApiUrl.check("http://localhost:8080/").toString())
        .isEqualTo("http://localhost:8080");
    assertThat(PostmanApiUrl.check("http://[::1]:8080").getHost()).isEqualTo("[::1]");
    assertThat(PostmanApiUrl.check("https://api.eu.postman.com").getHost())
        .isEqualTo("api.eu.postman.com");
  }
}
