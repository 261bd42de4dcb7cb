package io.newmankeyvault.postmancli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postmancli.PostmanCliArguments.Invocation;
import io.newmankeyvault.postmancli.PostmanCliArguments.StagedFile;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostmanCliArgumentsTest {
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 3, 7, 5, 33);
  private static final Path STAGING = Path.of("/private/staging");

  private static Invocation invocation(Path reportsDir, String... given) {
    return PostmanCliArguments.parse(List.of(given))
        .invocation(
            List.of("postman"),
            Path.of("/repo/postman/collections/api"),
            Path.of("/private/environment.json"),
            List.of("-g", "/repo/globals.json"),
            STAGING,
            reportsDir,
            "My API",
            NOW);
  }

  @Test
  void theToolsInputsComeFirstAndAnalyticsAreOff() {
    assertThat(invocation(null, "-n", "2", "--env-var=mode=fast", "--bail").arguments())
        .containsExactly(
            "postman",
            "collection",
            "run",
            "/repo/postman/collections/api",
            "-e",
            "/private/environment.json",
            "-g",
            "/repo/globals.json",
            "--no-report-events",
            "-n",
            "2",
            "--env-var",
            "mode=fast",
            "--bail");
  }

  @Test
  void reportEventsIsTheUsersToTurnOn() {
    assertThat(invocation(null, "--report-events").arguments())
        .doesNotContain("--no-report-events")
        .containsOnlyOnce("--report-events");
  }

  @Test
  void everyReportFileIsWrittenInTheStagingDirectoryAndPublishedWhereAsked() {
    Invocation invocation =
        invocation(
            Path.of("/work/reports"),
            "-r",
            "cli,json,junit",
            "--reporter-junit-export",
            "out/results.xml",
            "--export-cookie-jar=jar.json");

    assertThat(invocation.files())
        .containsExactly(
            new StagedFile(
                STAGING.resolve("1-json.json"),
                Path.of("/work/reports/my-api-2026-12-03-07-05-33.json"),
                "json-reporter"),
            new StagedFile(
                STAGING.resolve("2-junit.xml"),
                Path.of("out/results.xml").toAbsolutePath(),
                "junit-reporter"),
            new StagedFile(
                STAGING.resolve("3-cookie-jar.json"),
                Path.of("jar.json").toAbsolutePath(),
                "cookie-jar"));
    assertThat(invocation.arguments())
        .containsSubsequence("-r", "cli,json,junit")
        .containsSubsequence("--reporter-json-export", "/private/staging/1-json.json")
        .containsSubsequence("--reporter-junit-export", "/private/staging/2-junit.xml")
        .containsSubsequence("--export-cookie-jar", "/private/staging/3-cookie-jar.json")
        .doesNotContain("out/results.xml", "jar.json");
  }

  @Test
  void withoutReportsDirFilesGoWhereTheCliPutsThem() {
    assertThat(invocation(null, "-r", "html").files())
        .extracting(StagedFile::target)
        .containsExactly(
            Path.of("postman-cli-reports/my-api-2026-12-03-07-05-33.html").toAbsolutePath());
  }

  @Test
  void newmanOnlyOptionsNameTheClisEquivalent() {
    assertThatThrownBy(() -> PostmanCliArguments.parse(List.of("--folder", "Users")))
        .isInstanceOf(UserFacingException.class)
        .hasMessage(
            "--folder after '--' is not passed to the Postman CLI: the Postman CLI's equivalent"
                + " is -i FOLDER");
    assertThatThrownBy(() -> PostmanCliArguments.parse(List.of("--reporter-htmlextra-export=x")))
        .hasMessageStartingWith("--reporter-htmlextra-export after '--' is not passed");
    assertThatThrownBy(() -> PostmanCliArguments.parse(List.of("-r", "cli,htmlextra")))
        .hasMessageContaining("its reporters are cli, json, junit and html");
  }

  @Test
  void optionsThatWouldBypassTheToolAreRefused() {
    for (String option :
        List.of(
            "-e", "--environment", "-g", "--postman-api-key", "--output", "--export-environment")) {
      assertThatThrownBy(() -> PostmanCliArguments.parse(List.of(option, "value")))
          .as(option)
          .isInstanceOf(UserFacingException.class)
          .hasMessageStartingWith(option + " after '--' is not passed to the Postman CLI: ");
    }
  }

  @Test
  void errorsNeverQuoteAValue() {
    String secret = "PMAK-canary-0123456789";
    for (List<String> given :
        List.of(
            List.of("--unknown=" + secret),
            List.of("-X" + secret),
            List.of(secret),
            List.of("--postman-api-key=" + secret),
            List.of("--verbose=" + secret))) {
      assertThatThrownBy(() -> PostmanCliArguments.parse(given))
          .as(given.get(0).substring(0, 3))
          .isInstanceOf(UserFacingException.class)
          .message()
          .doesNotContain("canary");
    }
  }

  @Test
  void anOptionThatNeedsAValueSaysSo() {
    assertThatThrownBy(() -> PostmanCliArguments.parse(List.of("-d")))
        .hasMessage("-d after '--' needs a value");
    assertThatThrownBy(() -> PostmanCliArguments.parse(List.of("--env-var", "--bail")))
        .hasMessage("--env-var after '--' needs a value");
  }

  @Test
  void theDefaultNameIsTheCollectionsSlug() {
    assertThat(PostmanCliArguments.slug("newman-keyvault demo")).isEqualTo("newman-keyvault-demo");
    assertThat(PostmanCliArguments.slug("../../etc")).isEqualTo("..-..-etc");
    assertThat(PostmanCliArguments.slug("//")).isEqualTo("collection");
  }
}
