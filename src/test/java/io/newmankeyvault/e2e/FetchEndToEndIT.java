package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.testing.FakePostmanApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newman-keyvault fetch} against the Postman API fake: the documents written with their
 * references as they were, their paths printed; documents with a credential in clear refused (exit
 * 1, nothing written, the location named, never the value) unless --allow-findings.
 */
class FetchEndToEndIT {
  private static final String KEY = "PMAK-CANARY0fetch0key0000-0123456789abcdef0123456789abcdef01";
  private static final String COLLECTION = "12345-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
  private static final String ENVIRONMENT = "12345-ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee";
  private static final String LEAKED = "ghp_CANARYfetchLeakQ7fLm2Xv9TpRw5Hn3KsB8d";

  @TempDir Path runnerTemp;
  @TempDir Path work;

  private FakePostmanApi postman;

  @BeforeEach
  void start() throws Exception {
    postman = new FakePostmanApi(KEY);
    postman.environment(
        ENVIRONMENT,
        """
        {"id":"e","name":"staging","values":[{"key":"db","value":"akv://kv-prod/db-password","enabled":true},
         {"key":"api_key","value":"","secret":true,"enabled":true,
          "source":{"provider":"postman","postman":{"type":"cloud","secretId":"s1","vaultId":"v1"}}}]}
        """);
  }

  @AfterEach
  void stop() {
    postman.close();
  }

  private void collection(String header) {
    postman.collection(
        COLLECTION,
        """
        {"info":{"name":"fetched","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
         "item":[{"name":"r","request":{"method":"GET","url":"https://api.example.com/x",
           "header":[{"key":"X-Token","value":"%s"}]}}]}
        """
            .formatted(header));
  }

  private Jar.Result fetch(String... extra) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-c",
                COLLECTION,
                "-e",
                ENVIRONMENT,
                "--postman-api-url",
                postman.url(),
                "--output-dir",
                work.resolve("out").toString()));
    args.addAll(List.of(extra));
    Jar.Result result =
        Jar.startCommand(
                "fetch",
                runnerTemp,
                List.of(),
                Map.of("POSTMAN_API_KEY", KEY),
                args.toArray(String[]::new))
            .await(Jar.TIMEOUT);
    assertThat(result.output()).doesNotContain(KEY).doesNotContain(LEAKED);
    return result;
  }

  @Test
  void theDocumentsAreWrittenWithTheirReferencesAndTheirPathsPrinted() throws Exception {
    collection("{{vault:api-token}}");
    Jar.Result result = fetch();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Path out = work.resolve("out");
    assertThat(result.stdout())
        .isEqualTo(out.resolve("collection.json") + "\n" + out.resolve("environment.json") + "\n");
    assertThat(Files.readString(out.resolve("collection.json"))).contains("{{vault:api-token}}");
    assertThat(Files.readString(out.resolve("environment.json")))
        .contains("akv://kv-prod/db-password");
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("environment.json").toFile())
                .at("/values/1/source/postman/secretId")
                .asText())
        .as("a Postman v12 secure variable is kept as it is")
        .isEqualTo("s1");
    assertThat(postman.requests()).hasSize(2);
    assertThat(io.newmankeyvault.testing.Cli.entriesUnder(runnerTemp)).isEmpty();
  }

  @Test
  void aFourLegMatrixCallsThePostmanApiTwiceWithFetchAndEightTimesWithout() throws Exception {
    collection("{{vault:api-token}}");
    Path out = work.resolve("out");
    // Without fetch: each leg downloads both documents (dry runs: the download is the same).
    for (int leg = 1; leg <= 4; leg++) {
      Jar.Result result =
          Jar.start(
                  runnerTemp,
                  List.of(),
                  Map.of("POSTMAN_API_KEY", KEY),
                  "-c",
                  COLLECTION,
                  "-e",
                  ENVIRONMENT,
                  "--postman-api-url",
                  postman.url(),
                  "--secrets-file",
                  secrets().toString(),
                  "--shard",
                  leg + "/4",
                  "--dry-run")
              .await(Jar.TIMEOUT);
      assertThat(result.exitCode()).as(result.toString()).isZero();
    }
    assertThat(postman.requests()).hasSize(8);

    assertThat(fetch().exitCode()).isZero();
    for (int leg = 1; leg <= 4; leg++) {
      Jar.Result result =
          Jar.start(
                  runnerTemp,
                  List.of(),
                  Map.of(),
                  "-c",
                  out.resolve("collection.json").toString(),
                  "-e",
                  out.resolve("environment.json").toString(),
                  "--secrets-file",
                  secrets().toString(),
                  "--shard",
                  leg + "/4",
                  "--dry-run")
              .await(Jar.TIMEOUT);
      assertThat(result.exitCode()).as(result.toString()).isZero();
    }
    assertThat(postman.requests()).as("8 before, then 2 by fetch, none by the legs").hasSize(10);
  }

  private Path secrets() throws Exception {
    return Files.writeString(
        work.resolve("matrix.secrets"),
        "api-token=CANARY-matrix-token-END\ndb-password=CANARY-matrix-db-END\napi-key=CANARY-matrix-api-key-END\n");
  }

  @Test
  void anUnchangedDocumentIsNotDownloadedAgain() throws Exception {
    collection("{{vault:api-token}}");
    assertThat(fetch().exitCode()).isZero();
    Path out = work.resolve("out");
    String first = Files.readString(out.resolve("collection.json"));

    Jar.Result again = fetch();
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.stderr())
        .contains("collection " + COLLECTION + " is unchanged since the last fetch (304")
        .contains("environment " + ENVIRONMENT + " is unchanged");
    assertThat(postman.requests().subList(2, 4))
        .allSatisfy(request -> assertThat(request.headers()).containsKey("If-none-match"));
    assertThat(Files.readString(out.resolve("collection.json"))).isEqualTo(first);

    // A changed document is downloaded again.
    collection("{{vault:other-token}}");
    assertThat(fetch().exitCode()).isZero();
    assertThat(Files.readString(out.resolve("collection.json"))).contains("other-token");
  }

  @Test
  void documentsWithACredentialInClearAreRefusedUnlessAllowed() throws Exception {
    collection(LEAKED);
    Jar.Result refused = fetch();

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.stderr())
        .contains("not written: the documents hold 1 credential in clear")
        .contains(
            "collection postman://collections/"
                + COLLECTION
                + " (fetched) › r › request.header[X-Token]");
    assertThat(work.resolve("out")).doesNotExist();

    Jar.Result allowed = fetch("--allow-findings");
    assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
    assertThat(work.resolve("out").resolve("collection.json")).exists();
  }
}
