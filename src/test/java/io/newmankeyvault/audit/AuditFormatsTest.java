package io.newmankeyvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} reads every document {@code run} accepts: each case of the parity corpus (v2.1,
 * v2.0, v1, {@code item} without {@code info}, {@code {}}, Postman API answers, BOM and UTF-16,
 * environments as arrays), and finds credentials in the v1 format, an {@code items}-shaped
 * collection and an array, with their lines. The values are made up for this test.
 */
class AuditFormatsTest {
  private static final Path PROJECT =
      Path.of(System.getProperty("nkv.projectDir", ".")).toAbsolutePath();
  private static final String TOKEN = "WKbtDE6kGZpDiPCFdcERFmdD6nHQsspDnpbDQCm8";
  private static final String CONSUMER_KEY = "r8edt6s20b70kh9dnsip339fk6";

  @TempDir Path dir;
  private final Cli cli = new Cli();

  @Test
  void everyCaseOfTheParityCorpusIsAuditedNoneRefused() throws IOException {
    List<Path> cases;
    try (Stream<Path> list = Files.list(PROJECT.resolve("test-fixtures").resolve("parity"))) {
      cases = list.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
    for (Path parityCase : cases) {
      List<String> args = new ArrayList<>(List.of("audit", "-c"));
      args.add(parityCase.resolve("collection.json").toString());
      if (Files.exists(parityCase.resolve("environment.json"))) {
        args.add("-e");
        args.add(parityCase.resolve("environment.json").toString());
      }
      args.addAll(List.of("--fail-on", "none", "--output", "json"));
      Cli.Result result = cli.run(args.toArray(String[]::new));
      assertThat(result.exitCode()).as(parityCase + ": " + result.stderr()).isZero();
      assertThat(json(result.stdout()).path("documents").size())
          .as(parityCase.toString())
          .isEqualTo(args.contains("-e") ? 2 : 1);
    }
  }

  @Test
  void theV1FormatIsReadAsItsV2CounterpartsWithLines() throws IOException {
    String v1 =
        """
        {"id": "v1-id", "name": "Legacy", "order": ["r1"], "folders": [],
         "requests": [
          {"id": "r1", "name": "Timeline", "url": "https://api.example.com/timeline",
           "headers": "Accept: */*\\nAuthorization: OAuth oauth_consumer_key=\\"%s\\",oauth_token=\\"%s\\"\\n",
           "dataMode": "params",
           "data": [{"key": "oauth_token", "value": "%s", "type": "text"}],
           "currentHelper": "basicAuth",
           "helperAttributes": {"username": "ops", "password": "Summer2024!"},
           "tests": "tests['ok'] = true;",
           "responses": [{"name": "OK", "text": "{\\"access_token\\": \\"%s\\"}",
                          "headers": [{"key": "Content-Type", "value": "application/json"}]}]}]}
        """
            .formatted(CONSUMER_KEY, TOKEN, TOKEN, TOKEN);
    Path file = Files.writeString(dir.resolve("v1.json"), v1);

    JsonNode report = audit(file);
    assertThat(report.path("documents").get(0).path("name").asText()).isEqualTo("Legacy");
    assertThat(places(report))
        .containsExactlyInAnyOrder(
            "NKV-HEADER high Timeline › request.header[Authorization] line 4",
            "NKV-QUERY-PARAM high Timeline › request.body.formdata[oauth_token] line 6",
            "NKV-AUTH-BASIC medium Timeline › request.auth.basic.password line 8",
            "NKV-BODY-FIELD high Timeline › response[OK].body[access_token] line 10");
  }

  @Test
  void anItemsShapedCollectionAnArrayAndEnvironmentsOfEveryShapeAreRead() throws IOException {
    Path items =
        Files.writeString(
            dir.resolve("items.json"),
            """
            {"info": {"name": "Items"},
             "items": [{"name": "Get", "request": {"url": "https://x.example/a",
               "header": [{"key": "X-Api-Key", "value": "%s"}]}}]}
            """
                .formatted(TOKEN));
    assertThat(places(audit(items)))
        .containsExactly("NKV-HEADER high Get › request.header[X-Api-Key] line 3");

    Path array = Files.writeString(dir.resolve("array.json"), "[\"PMAK-" + postmanKey() + "\"]");
    assertThat(places(audit(array)))
        .containsExactly("NKV-TOKEN-POSTMAN-API-KEY high collection line 1");

    Path environment =
        Files.writeString(
            dir.resolve("environment.json"),
            """
            [{"key": "api_token", "value": "%s"},
             {"value": "no key, so no variable: PMAK-%s"}]
            """
                .formatted(TOKEN, postmanKey()));
    Cli.Result result =
        cli.run("audit", "-e", environment.toString(), "--output", "json", "--fail-on", "none");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(places(json(result.stdout())))
        .containsExactlyInAnyOrder(
            "NKV-VAR-NAME high environment › values[api_token] line 1",
            "NKV-TOKEN-POSTMAN-API-KEY high environment › values[#2] line 2");

    Path noValues = Files.writeString(dir.resolve("none.json"), "{\"name\": \"empty\"}");
    assertThat(cli.run("audit", "-e", noValues.toString()).exitCode()).isZero();
    Path number = Files.writeString(dir.resolve("number.json"), "42");
    assertThat(cli.run("audit", "-c", number.toString()).exitCode())
        .as("Newman cannot load it either")
        .isEqualTo(2);
  }

  private static String postmanKey() {
    return "74bf20f876ffc474c0251908-fcdce4b314f68d9dcbd7a085a368932ff2";
  }

  private JsonNode audit(Path collection) {
    Cli.Result result =
        cli.run("audit", "-c", collection.toString(), "--output", "json", "--fail-on", "none");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return json(result.stdout());
  }

  private static List<String> places(JsonNode report) {
    List<String> places = new ArrayList<>();
    for (JsonNode finding : report.path("findings")) {
      places.add(
          finding.path("ruleId").asText()
              + " "
              + finding.path("severity").asText()
              + " "
              + finding.path("location").asText()
              + " line "
              + finding.path("line").asInt());
    }
    return places;
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON", e);
    }
  }
}
