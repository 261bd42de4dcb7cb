package io.newmankeyvault.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The demo's local echo API ({@code test-fixtures/demo/echo-server.js}) on a free port, for the
 * parity tests: it answers every request with what it received.
 */
final class EchoServer {
  private final Process process;
  private final String baseUrl;

  private EchoServer(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /** Starts the server and waits for the port it prints. */
  static EchoServer start() throws IOException {
    Path server =
        Jar.projectDir().resolve("test-fixtures").resolve("demo").resolve("echo-server.js");
    Process process =
        new ProcessBuilder("node", server.toString()).redirectErrorStream(true).start();
    String port =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    return new EchoServer(process, "http://127.0.0.1:" + port);
  }

  /** {@code http://127.0.0.1:PORT}. */
  String baseUrl() {
    return baseUrl;
  }

  /** Stops the server. */
  void stop() throws InterruptedException {
    process.destroy();
    process.waitFor(5, TimeUnit.SECONDS);
  }
}
