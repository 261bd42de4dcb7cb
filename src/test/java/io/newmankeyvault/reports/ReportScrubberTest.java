package io.newmankeyvault.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.base.Json;
import io.newmankeyvault.redact.ProtectedValues;
import io.newmankeyvault.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportScrubberTest {
  private static final String SECRET = "CANARY-report-\"q\" \\ x-END";

  @TempDir Path dir;

  private final ProtectedValues values = new ProtectedValues();
  private final ReportScrubber scrubber = new ReportScrubber(new Redactor(values));
  private int staged;

  /** Stages a file as Newman's guard does: the bytes in the staging directory, a manifest line. */
  private Path stage(Path target, String content) throws IOException {
    Path staging = Files.createDirectories(dir.resolve("staging"));
    Path file = staging.resolve(++staged + "-" + target.getFileName());
    Files.writeString(file, content);
    Files.writeString(
        staging.resolve(ReportScrubber.MANIFEST),
        "{\"staged\":"
            + Json.MAPPER.writeValueAsString(file.toString())
            + ",\"target\":"
            + Json.MAPPER.writeValueAsString(target.toString())
            + ",\"name\":\"test\"}\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return target;
  }

  private ReportScrubber.Outcome publish(ReportScrubber with) {
    return with.publish(dir.resolve("staging"));
  }

  @Test
  void redactsTextAndBufferByteArraysThenPublishes() throws IOException {
    values.add(SECRET);
    String body = "{\"password\":\"" + SECRET.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    Path json =
        stage(
            dir.resolve("reports/run.json"),
            "{\"stream\":{\"type\":\"Buffer\",\"data\":[" + numbers(body) + "]},\"raw\":\"x\"}");
    Path html =
        stage(dir.resolve("reports/run.html"), "<td>" + SECRET.replace("\"", "&quot;") + "</td>");
    Path clean = stage(dir.resolve("reports/deeper/clean.xml"), "<testsuite/>");

    ReportScrubber.Outcome outcome = publish(scrubber);

    assertThat(outcome.published()).containsExactly(json, html, clean);
    assertThat(outcome.removed()).isEmpty();
    assertThat(dir.resolve("staging")).isDirectoryNotContaining("glob:**/*-*");
    String scrubbed = Files.readString(json);
    String decoded = decode(scrubbed.substring(scrubbed.indexOf('[') + 1, scrubbed.indexOf(']')));
    assertThat(decoded).isEqualTo("{\"password\":\"***\"}");
    assertThat(Files.readString(html)).isEqualTo("<td>***</td>");
    assertThat(Files.readString(clean)).isEqualTo("<testsuite/>");
  }

  @Test
  void theGateFindsWhatRedactionWouldMiss() {
    values.add(SECRET);
    byte[] leaky =
        ("{\"type\":\"Buffer\",\"data\":[" + numbers(SECRET) + "]}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(scrubber.leaks(leaky)).isTrue();
    assertThat(scrubber.leaks(scrubber.scrub(leaky))).isFalse();
  }

  @Test
  void aFileThatStillLeaksIsRemoved() throws IOException {
    values.add("abc-secret-value");
    Path report = stage(dir.resolve("r.txt"), "token abc-secret-value");
    // The gate and the redactor share their forms, so a leak past redaction needs a redactor
    // that misses: this one misses everything.
    ReportScrubber gateOnly =
        new ReportScrubber(new Redactor(values)) {
          @Override
          byte[] scrub(byte[] bytes) {
            return bytes; // a redactor that misses everything
          }
        };
    assertThat(publish(gateOnly).removed()).containsExactly(report);
    assertThat(report).doesNotExist();
  }

  @Test
  void aJsonReportStaysJsonWithItsLayout() throws IOException {
    values.add("12345678");
    values.add("false-secret");
    values.add(SECRET);
    // As Newman's json reporter writes it: JSON.stringify(summary, null, 2).
    String report =
        String.join(
            "\n",
            "{",
            "  \"values\": [",
            "    {",
            "      \"key\": \"pin\",",
            "      \"value\": 12345678,",
            "      \"type\": \"number\"",
            "    },",
            "    {",
            "      \"key\": \"text\",",
            "      \"value\": \"" + SECRET.replace("\\", "\\\\").replace("\"", "\\\"") + "\"",
            "    }",
            "  ],",
            "  \"empty\": [],",
            "  \"none\": {},",
            "  \"big\": 1.50e+300,",
            "  \"stream\": {",
            "    \"type\": \"Buffer\",",
            "    \"data\": [",
            "      " + numbers("a false-secret b").replace(",", ",\n      "),
            "    ]",
            "  }",
            "}");
    Path json = stage(dir.resolve("newman-run.json"), report);

    ReportScrubber.Outcome outcome = publish(scrubber);

    assertThat(outcome.published()).containsExactly(json);
    assertThat(outcome.malformed()).isEmpty();
    String expected =
        report
            .replace("\"value\": 12345678", "\"value\": \"***\"")
            .replace(SECRET.replace("\\", "\\\\").replace("\"", "\\\""), "***")
            .replace(
                numbers("a false-secret b").replace(",", ",\n      "),
                numbers("a *** b").replace(",", ",\n      "));
    assertThat(Files.readString(json)).isEqualTo(expected);
    assertThat(ReportFormat.JSON.wellFormed(Files.readAllBytes(json))).isTrue();
  }

  @Test
  void aJsonFileThatIsNotOneDocumentIsRedactedAsText() throws IOException {
    values.add(SECRET);
    Path lines =
        stage(
            dir.resolve("events.json"),
            "{\"a\":1}\n{\"b\":\"" + "x CANARY-report-\\\"q\\\" \\\\ x-END" + "\"}\n");

    ReportScrubber.Outcome outcome = publish(scrubber);

    assertThat(outcome.published()).containsExactly(lines);
    assertThat(outcome.malformed()).isEmpty();
    assertThat(Files.readString(lines)).isEqualTo("{\"a\":1}\n{\"b\":\"x ***\"}\n");
  }

  @Test
  void anXmlReportThatRedactionLeavesMalformedIsRemoved() throws IOException {
    values.add("\"/><b");
    Path xml = stage(dir.resolve("junit.xml"), "<r><a x=\"1\"/><b/></r>");
    Path fine = stage(dir.resolve("other.xml"), "<r><a x=\"1\"/></r>");

    ReportScrubber.Outcome outcome = publish(scrubber);

    assertThat(outcome.malformed()).containsExactly(xml);
    assertThat(outcome.removed()).isEmpty();
    assertThat(xml).doesNotExist();
    assertThat(fine).exists();
  }

  @Test
  void onlyWhatTheGuardStagedIsReadAndOnlyItsTargetsAreWritten() throws IOException {
    values.add(SECRET);
    // A file of the user's beside the reports (the secrets file, say) is never touched.
    Path mine = Files.writeString(dir.resolve("reports-here.secrets"), "x=" + SECRET);
    Path report = stage(dir.resolve("report.txt"), "ok");
    // Manifest lines that point outside the staging directory, or at a link, are not the guard's.
    Path outside = Files.writeString(dir.resolve("outside.txt"), SECRET);
    Path link = dir.resolve("staging/99-link.txt");
    Files.createSymbolicLink(link, outside);
    Files.writeString(
        dir.resolve("staging").resolve(ReportScrubber.MANIFEST),
        "{\"staged\":"
            + Json.MAPPER.writeValueAsString(outside.toString())
            + ",\"target\":"
            + Json.MAPPER.writeValueAsString(dir.resolve("copy1.txt").toString())
            + "}\n{\"staged\":"
            + Json.MAPPER.writeValueAsString(link.toString())
            + ",\"target\":"
            + Json.MAPPER.writeValueAsString(dir.resolve("copy2.txt").toString())
            + "}\nnot json\n",
        StandardOpenOption.APPEND);

    ReportScrubber.Outcome outcome = publish(scrubber);

    assertThat(outcome.published()).containsExactly(report);
    assertThat(Files.readString(mine)).isEqualTo("x=" + SECRET);
    assertThat(dir.resolve("copy1.txt")).doesNotExist();
    assertThat(dir.resolve("copy2.txt")).doesNotExist();
  }

  @Test
  void wellFormedMeansTheWholeDocument() {
    assertThat(ReportFormat.JSON.wellFormed("{\"a\": [1, 2]}".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(ReportFormat.JSON.wellFormed("{\"a\": ***}".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(ReportFormat.JSON.wellFormed("{} {}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(ReportFormat.XML.wellFormed("<a><b/></a>".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(ReportFormat.XML.wellFormed("<a><b></a>".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(ReportFormat.of(Path.of("r/Newman-Run.JSON"))).isEqualTo(ReportFormat.JSON);
    assertThat(ReportFormat.of(Path.of("r/report.html"))).isEqualTo(ReportFormat.OTHER);
  }

  private static String numbers(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      out.append(out.length() == 0 ? "" : ",").append(b & 0xff);
    }
    return out.toString();
  }

  private static String decode(String numbers) {
    String[] parts = numbers.split(",");
    byte[] bytes = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i].strip());
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
