package io.newmankeyvault.newman;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.reports.StagedManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard in real Newman 6.2.2, started as the tool starts a cold one (NODE_OPTIONS --require):
 * what Newman's own parser and rc-file reading make of its options decides what is refused, every
 * file Newman exports is staged under the path Newman computed, a reporter that writes by itself is
 * refused, and Newman dies when its stdin (the tool) ends.
 */
class NewmanGuardTest {
  private static final Path PROJECT = Path.of(System.getProperty("nkv.projectDir", "."));
  private static final Path NEWMAN = PROJECT.resolve("node_modules/newman/bin/newman.js");

  @TempDir Path dir;

  private Path work; // Newman's working directory: the user's workspace
  private Path home;
  private Path privateDir;
  private Path collection;

  @BeforeEach
  void files() throws IOException {
    work = Files.createDirectories(dir.resolve("work"));
    home = Files.createDirectories(dir.resolve("home"));
    privateDir = freshPrivateDirectory();
    collection =
        Files.writeString(
            dir.resolve("collection.json"),
            "{\"info\":{\"name\":\"c\",\"schema\":"
                + "\"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},"
                + "\"item\":[]}");
  }

  /** A private directory as the tool makes one, with the environment and the vault scope. */
  private Path freshPrivateDirectory() throws IOException {
    Path created = Files.createTempDirectory(dir, "newman-keyvault-");
    Files.writeString(created.resolve("environment.json"), "{\"values\":[]}");
    Files.writeString(created.resolve("vault.json"), "{\"values\":[],\"policy\":[]}");
    return created;
  }

  /** What one Newman did. */
  private record Run(int exitCode, String stdout, String stderr, NewmanGuard guard) {
    List<JsonNode> events() throws IOException {
      List<JsonNode> events = new ArrayList<>();
      for (String line : stderr.split("\n")) {
        if (line.startsWith(guard.eventToken() + " ")) {
          events.add(Json.MAPPER.readTree(line.substring(guard.eventToken().length() + 1)));
        }
      }
      return events;
    }

    List<StagedManifest.Entry> staged() {
      return StagedManifest.read(guard.staging());
    }
  }

  private Process start(NewmanGuard guard, Map<String, String> extra, String... args)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "node",
                NEWMAN.toString(),
                "run",
                collection.toString(),
                "--environment",
                privateDir.resolve("environment.json").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", System.getenv("PATH"));
    environment.put("HOME", home.toString());
    environment.putAll(extra);
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().putAll(guard.environmentFor(environment));
    return builder.start();
  }

  private Run run(Path reportsDir, Map<String, String> extra, String... args) throws Exception {
    privateDir = freshPrivateDirectory();
    NewmanGuard guard =
        NewmanGuard.write(
            privateDir,
            privateDir.resolve("environment.json"),
            privateDir.resolve("vault.json"),
            null,
            reportsDir);
    Process newman = start(guard, extra, args);
    // Stdin stays open while Newman runs, as the tool holds it: its end means the tool died.
    OutputStream stdin = newman.getOutputStream();
    String out = new String(newman.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(newman.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(newman.waitFor(60, TimeUnit.SECONDS)).isTrue();
    stdin.close();
    return new Run(newman.exitValue(), out, err, guard);
  }

  private Run run(String... args) throws Exception {
    return run(null, Map.of(), args);
  }

  private List<Path> workspaceFiles() throws IOException {
    try (Stream<Path> files = Files.walk(work)) {
      return files.filter(file -> !file.equals(work)).toList();
    }
  }

  @Test
  void anExportOfTheEnvironmentOrGlobalsIsRefusedWhateverItsSpelling() throws Exception {
    for (String[] args :
        List.of(
            new String[] {"--export-environment", "env.json"},
            new String[] {"--export-environment=env.json"},
            new String[] {"--export-globals", "g.json"},
            new String[] {"-e", "other.json"},
            new String[] {"--environment=other.json"})) {
      Run run = run(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.events()).as(String.join(" ", args)).hasSize(1);
      assertThat(run.events().get(0).path("refused").asText()).contains("after '--'");
      assertThat(run.events().get(0).path("kind").asText()).isEqualTo("usage");
      assertThat(run.guard().confirmed()).as("no confirmation: no secret").isFalse();
      assertThat(workspaceFiles()).isEmpty();
    }
  }

  @Test
  void anRcFileThatExportsIsRefusedHoweverItIsEncoded() throws Exception {
    Path workRc = work.resolve(".newmanrc");
    Path homeRc = Files.createDirectories(home.resolve(".postman")).resolve("newmanrc");
    List<byte[]> contents =
        List.of(
            "{\"run\":{\"export\\u0045nvironment\":\"leak.json\"}}"
                .getBytes(StandardCharsets.UTF_8),
            utf16LeWithBom("{\"exportGlobals\":\"leak.json\"}"));
    for (Path rc : List.of(workRc, homeRc)) {
      for (byte[] content : contents) {
        Files.write(rc, content);
        Run run = run();
        assertThat(run.exitCode()).as(rc.toString()).isEqualTo(2);
        assertThat(run.events().get(0).path("refused").asText()).contains("rc file");
        assertThat(run.guard().confirmed()).isFalse();
        Files.delete(rc);
      }
    }
    assertThat(work.resolve("leak.json")).doesNotExist();

    // An environment in an rc file is Newman's default: the tool's --environment overrides it.
    Files.writeString(workRc, "{\"run\":{\"environment\":\"other.json\"}}");
    Run run = run();
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.guard().confirmed()).isTrue();
  }

  @Test
  void everyExportIsStagedUnderThePathNewmanComputed() throws Exception {
    Run run =
        run(
            "-rjson,junit,cli",
            "--reporter-json-EXPORT",
            "out/run.json",
            "--export-cookie-jar",
            "jar.json",
            "--export-collection",
            "exported/");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.guard().confirmed()).isTrue();
    assertThat(workspaceFiles()).as("nothing written in the workspace").isEmpty();
    List<StagedManifest.Entry> staged = run.staged();
    assertThat(staged)
        .extracting(StagedManifest.Entry::target)
        .anySatisfy(target -> assertThat(target).isEqualTo(work.resolve("out/run.json")))
        .anySatisfy(target -> assertThat(target).isEqualTo(work.resolve("jar.json")))
        // Newman's default for a reporter with no export: newman/NAME-TIMESTAMP.xml.
        .anySatisfy(
            target ->
                assertThat(work.relativize(target).toString())
                    .matches("newman/newman-run-report-[0-9-]+\\.xml"))
        // A path with a trailing slash that does not exist yet is a file, as Newman writes it.
        .anySatisfy(target -> assertThat(target).isEqualTo(work.resolve("exported")));
    for (StagedManifest.Entry export : staged) {
      assertThat(export.staged().getParent()).isEqualTo(run.guard().staging());
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(export.staged())))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void genericReporterOptionsAndTheReportsDirectoryAreNewmansOwn() throws Exception {
    Files.createDirectories(work.resolve("existing"));
    Run generic = run("--reporters", "json,junit", "--reporter-EXPORT", "existing");
    assertThat(generic.exitCode()).as(generic.stderr()).isZero();
    assertThat(generic.staged())
        .extracting(export -> work.relativize(export.target()).toString())
        .hasSize(2)
        .allSatisfy(
            target ->
                assertThat(target).matches("existing/newman-run-report-[0-9-]+\\.(json|xml)"));

    Path reports = dir.resolve("reports");
    Run toReports = run(reports, Map.of(), "-r", "junit");
    assertThat(toReports.staged())
        .singleElement()
        .satisfies(
            export ->
                assertThat(reports.relativize(export.target()).toString())
                    .matches("newman-run-report-[0-9-]+\\.xml"));
    assertThat(workspaceFiles()).containsExactly(work.resolve("existing"));
  }

  @Test
  void aReporterThatWritesByItselfIsRefused() throws Exception {
    Path reporters = Files.createDirectories(dir.resolve("reporters/newman-reporter-writer"));
    Files.writeString(
        reporters.resolve("index.js"),
        "const fs = require('fs');\n"
            + "module.exports = function (newman) {\n"
            + "  newman.on('done', () => {\n"
            + "    try { fs.writeFileSync('by-itself.txt', 'x'); } catch (e) {"
            + " console.log('refused: ' + e.code); }\n"
            + "    fs.promises.writeFile('by-promise.txt', 'x')"
            + ".catch((e) => console.log('rejected: ' + e.code));\n"
            + "  });\n"
            + "};\n");
    Run run = run(null, Map.of("NODE_PATH", reporters.getParent().toString()), "-r", "writer,cli");
    assertThat(run.stdout()).contains("refused: EACCES", "rejected: EACCES");
    assertThat(run.events())
        .extracting(event -> event.path("escaped").asText())
        .contains("writeFileSync", "writeFile");
    assertThat(workspaceFiles()).isEmpty();
  }

  @Test
  void newmanDiesWithTheTool() throws Exception {
    // An environment pipe nobody writes: Newman waits in open(), as before the hand-over.
    Path pipe = privateDir.resolve("pipe.json");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
    NewmanGuard guard =
        NewmanGuard.write(privateDir, pipe, privateDir.resolve("vault.json"), null, null);
    Files.writeString(guard.staging().resolve("1-report.json"), "staged, never published");
    ProcessBuilder builder =
        new ProcessBuilder(
                "node",
                NEWMAN.toString(),
                "run",
                collection.toString(),
                "--environment",
                pipe.toString(),
                "-r",
                "json")
            .directory(work.toFile());
    builder.environment().putAll(guard.environmentFor(Map.of()));
    Process newman = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!guard.confirmed() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(guard.confirmed()).isTrue();
    Thread.sleep(200); // now in open() on the pipe
    assertThat(newman.isAlive()).isTrue();

    newman.getOutputStream().close(); // the tool's end, as when it is killed
    assertThat(newman.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(newman.exitValue()).as("killed by itself").isEqualTo(128 + 9);
    assertThat(privateDir).as("the private directory goes with it").doesNotExist();
    assertThat(workspaceFiles()).isEmpty();
  }

  @Test
  void theVaultScopeReachesTheRunnerAndAnOldRuntimeIsRefused() throws Exception {
    for (boolean withVaultScope : List.of(true, false)) {
      Path root = Files.createTempDirectory(dir, "fake");
      Path runner =
          Files.createDirectories(root.resolve("node_modules/postman-runtime/lib/runner"));
      Files.writeString(
          root.resolve("node_modules/postman-runtime/index.js"),
          "module.exports = { Runner: require('./lib/runner') };\n");
      Files.writeString(
          runner.resolve("index.js"),
          "class Runner { run (collection, options, callback) {"
              + " console.log(JSON.stringify(options.vaultSecrets || null)); callback(null, null);"
              + " } }\nmodule.exports = Runner;\n");
      Files.writeString(
          runner.resolve("util.js"),
          withVaultScope
              ? "module.exports = { prepareVaultVariableScope () {} };\n"
              : "module.exports = {};\n");
      Path fakeNewman =
          Files.writeString(
              root.resolve("fake-newman.js"),
              "const runtime = require('postman-runtime');"
                  + " new runtime.Runner().run({}, { environment: {} }, () => {});\n");
      Files.writeString(
          privateDir.resolve("vault.json"),
          "{\"values\":[{\"key\":\"vault:a\",\"value\":\"s3cret\",\"type\":\"secret\"}],"
              + "\"policy\":[]}");
      Run node = underGuard(Files.createTempDirectory(dir, "newman-keyvault-"), root, fakeNewman);
      String out = node.stdout();
      String err = node.stderr();
      if (withVaultScope) {
        assertThat(node.exitCode()).as(err).isZero();
        assertThat(out.strip())
            .isEqualTo(
                "{\"values\":[{\"key\":\"vault:a\",\"value\":\"s3cret\",\"type\":\"secret\"}]}");
      } else {
        assertThat(node.exitCode()).isEqualTo(2);
        assertThat(out).as("the runner never ran").isEmpty();
        assertThat(err)
            .contains("this Newman's postman-runtime has no vault scope", "\"kind\":\"newman\"")
            .doesNotContain("s3cret");
      }
    }
  }

  @Test
  void scriptAccessOnARuntimeWithoutPmVaultIsRefusedBeforeTheRunnerRuns() throws Exception {
    Path root = Files.createTempDirectory(dir, "fake");
    Path runner = Files.createDirectories(root.resolve("node_modules/postman-runtime/lib/runner"));
    Files.writeString(
        root.resolve("node_modules/postman-runtime/index.js"),
        "module.exports = { Runner: require('./lib/runner') };\n");
    Files.writeString(
        runner.resolve("index.js"),
        "class Runner { run (collection, options, callback) { console.log('ran');"
            + " callback(null, null); } }\nmodule.exports = Runner;\n");
    Files.writeString(
        runner.resolve("util.js"), "module.exports = { prepareVaultVariableScope () {} };\n");
    Path fakeNewman =
        Files.writeString(
            root.resolve("fake-newman.js"),
            "const runtime = require('postman-runtime');"
                + " new runtime.Runner().run({}, { environment: {} }, () => {});\n");
    Files.writeString(
        privateDir.resolve("vault.json"),
        "{\"values\":[{\"key\":\"vault:a\",\"value\":\"s3cret\",\"type\":\"secret\"}],"
            + "\"scriptAccess\":[\"a\"],\"policy\":[]}");

    Run node = underGuard(Files.createTempDirectory(dir, "newman-keyvault-"), root, fakeNewman);

    assertThat(node.exitCode()).isEqualTo(2);
    assertThat(node.stdout()).as("the runner never ran").isEmpty();
    assertThat(node.stderr())
        .contains("--script-access needs pm.vault", "\"kind\":\"newman\"")
        .doesNotContain("s3cret");
  }

  @Test
  void requestsOverHttp1AndHttp2CarryABoundSecretOnlyToItsDomains() throws Exception {
    // A stand-in runtime whose run sends requests itself, to a cleartext HTTP/2 (h2c) server and
    // an HTTP/1 server reached as 127.0.0.1 (allowed) and as localhost (foreign); Newman 6.2.2's
    // runtime speaks HTTP/1 only, but a later one may not.
    Path root = Files.createTempDirectory(dir, "fake");
    Path runner = Files.createDirectories(root.resolve("node_modules/postman-runtime/lib/runner"));
    Files.createSymbolicLink(
        root.resolve("node_modules/postman-collection"),
        PROJECT.resolve("node_modules/postman-collection").toAbsolutePath());
    Files.writeString(
        root.resolve("node_modules/postman-runtime/index.js"),
        "module.exports = { Runner: require('./lib/runner') };\n");
    Files.writeString(
        runner.resolve("util.js"), "module.exports = { prepareVaultVariableScope () {} };\n");
    Files.writeString(
        runner.resolve("index.js"),
        """
        const http = require('http'), http2 = require('http2');
        const h2 = http2.createServer(), h1 = http.createServer();
        const seen = [];
        h2.on('stream', (stream, headers) => { let body = '';
          stream.on('data', (d) => { body += d; });
          stream.on('end', () => { seen.push('h2 ' + headers[':path'] + ' ' +
            (headers['x-k'] || '') + ' ' + body); stream.respond({ ':status': 200 });
            stream.end(); }); });
        h1.on('request', (req, res) => { seen.push('h1 ' + req.url); res.end(); });
        const h2send = (port, host, path, header, body) => new Promise((done) => {
          const session = http2.connect('http://' + host + ':' + port);
          session.on('error', () => {});
          const stream = session.request({ ':path': path, ':method': 'POST', 'x-k': header });
          stream.on('error', (e) => { done(path + ' ' + e.code); session.close(); });
          stream.on('response', () => { stream.resume();
            stream.on('end', () => { done(path + ' sent'); session.close(); }); });
          stream.end(body); });
        const h1send = (url, headers) => new Promise((done) => {
          http.get(url, { headers: headers || {} }, (res) => { res.resume();
            res.on('end', () => done(url + ' sent')); })
            .on('error', (e) => done(url + ' ' + e.code)); });
        class Runner { run (collection, options, callback) {
          h2.listen(0, '127.0.0.1', () => h1.listen(0, '127.0.0.1', async () => {
            const p2 = h2.address().port, p1 = h1.address().port;
            const results = [
              await h2send(p2, '127.0.0.1', '/allowed', 'S3CRET-VALUE', 'b=S3CRET-VALUE'),
              await h2send(p2, 'localhost', '/header', 'S3CRET-VALUE', 'clean'),
              await h2send(p2, 'localhost', '/body', 'clean', 'b=S3CRET-VALUE'),
              await h2send(p2, 'localhost', '/clean', 'clean', 'clean'),
              await h1send('http://127.0.0.1:' + p1 + '/q?k=S3CRET-VALUE'),
              await h1send('http://localhost:' + p1 + '/q?k=S3CRET-VALUE'),
              await h1send('http://s3cret-value.localhost:' + p1 + '/dns'),
              await h1send('http://localhost:' + p1 + '/basic',
                { authorization: 'Basic ' + Buffer.from('u:pw12').toString('base64') }) ];
            console.log(JSON.stringify({ results, seen }));
            h2.close(); h1.close(); callback(null, null); })); } }
        module.exports = Runner;
        """);
    Path fakeNewman =
        Files.writeString(
            root.resolve("fake-newman.js"),
            "new (require('postman-runtime').Runner)().run({}, {}, () => {});\n");
    Files.writeString(
        privateDir.resolve("vault.json"),
        "{\"values\":[],\"policy\":[{\"secret\":\"s\",\"domains\":[\"http://127.0.0.1\","
            + "\"http://127.0.0.1:*\"],\"forms\":[\"S3CRET-VALUE\"]},{\"secret\":\"short\","
            + "\"domains\":[\"http://127.0.0.1:*\"],\"forms\":[\"pw12\"]}]}");
    Run node = underGuard(privateDir, root, fakeNewman);
    String out = node.stdout();
    String err = node.stderr();
    JsonNode report = Json.MAPPER.readTree(out);
    List<String> results = new ArrayList<>();
    report.path("results").forEach(result -> results.add(result.asText()));
    assertThat(results)
        .as(err)
        .containsExactly(
            "/allowed sent",
            "/header ENKVBLOCKED",
            "/body ENKVBLOCKED",
            "/clean sent",
            results.get(4).replaceAll(" .*", "") + " sent",
            results.get(5).replaceAll(" .*", "") + " ENKVBLOCKED",
            results.get(6).replaceAll(" .*", "") + " ENKVBLOCKED",
            // A short password in Basic credentials, found in the decoded text.
            results.get(7).replaceAll(" .*", "") + " ENKVBLOCKED");
    List<String> seen = new ArrayList<>();
    report.path("seen").forEach(request -> seen.add(request.asText()));
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "h2 /allowed S3CRET-VALUE b=S3CRET-VALUE",
            "h2 /clean clean clean",
            "h1 /q?k=S3CRET-VALUE");
    assertThat(err)
        .contains("\"blocked\":\"s\"")
        .contains("a host name that carries the secret")
        .doesNotContain("s3cret-value.localhost");
  }

  /**
   * Runs {@code script} (a stand-in for Newman) in {@code root} under a guard whose private
   * directory is {@code directory}, with this test's environment and vault files.
   */
  private Run underGuard(Path directory, Path root, Path script) throws Exception {
    NewmanGuard guard =
        NewmanGuard.write(
            directory,
            privateDir.resolve("environment.json"),
            privateDir.resolve("vault.json"),
            null,
            null);
    ProcessBuilder builder = new ProcessBuilder("node", script.toString()).directory(root.toFile());
    builder.environment().remove("NODE_OPTIONS");
    builder.environment().putAll(guard.environmentFor(Map.of()));
    Process node = builder.start();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(node.exitValue(), out, err, guard);
  }

  private static byte[] utf16LeWithBom(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
    byte[] all = new byte[body.length + 2];
    all[0] = (byte) 0xff;
    all[1] = (byte) 0xfe;
    System.arraycopy(body, 0, all, 2, body.length);
    return all;
  }
}
