package io.newmankeyvault.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newmankeyvault.base.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An HTTP server on 127.0.0.1 and a free port that records every request (method, raw target,
 * headers, body bytes) and answers 200 with a small JSON document. A request to {@code /hang} is
 * recorded and then never answered: it waits until the server stops; {@code /redirect?to=URL}
 * answers 302 to that URL, {@code /set-cookie?v=VALUE} sets cookie {@code session}.
 *
 * <p>A test class that wants a fresh one for each test declares {@code @RegisterExtension final
 * RecordingServer server = RecordingServer.perTest();}.
 */
final class RecordingServer implements AutoCloseable, AfterEachCallback {
  static final String HANG_PATH = "/hang";
  static final String ECHO_PATH = "/echo";
  static final String REDIRECT_PATH = "/redirect";
  static final String SET_COOKIE_PATH = "/set-cookie";

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "recording-server");
            thread.setDaemon(true);
            return thread;
          });
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final List<RecordedRequest> requests = new ArrayList<>();

  private RecordingServer(HttpServer server) {
    this.server = server;
  }

  /**
   * A started server for a test instance's {@code @RegisterExtension} field: JUnit makes an
   * instance for each test, and closes the server after the test (after the class's
   * {@code @AfterEach}).
   */
  static RecordingServer perTest() {
    try {
      return start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RecordingServer start() throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    RecordingServer recording = new RecordingServer(http);
    http.createContext("/", recording::handle);
    http.setExecutor(recording.executor);
    http.start();
    return recording;
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The port it listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  /** A snapshot of the requests received so far, in arrival order. */
  synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The one request received for a path; fails the test when there is none or more than one. */
  RecordedRequest only(String path) {
    List<RecordedRequest> matching =
        requests().stream().filter(r -> r.path().equals(path)).toList();
    if (matching.size() != 1) {
      throw new AssertionError(
          "expected exactly one request to "
              + path
              + " but got "
              + matching.size()
              + "; all: "
              + requests());
    }
    return matching.get(0);
  }

  /** Waits until a request matching {@code which} has arrived. */
  synchronized Optional<RecordedRequest> await(Predicate<RecordedRequest> which, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<RecordedRequest> found = requests.stream().filter(which).findFirst();
      long left = deadline - System.nanoTime();
      if (found.isPresent() || left <= 0) {
        return found;
      }
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      URI uri = exchange.getRequestURI();
      String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      RecordedRequest request =
          new RecordedRequest(
              exchange.getRequestMethod(), target, exchange.getRequestHeaders(), body);
      synchronized (this) {
        requests.add(request);
        notifyAll();
      }
      if (uri.getRawPath().equals(HANG_PATH)) {
        try {
          stopping.await(); // never answered while the server runs
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      if (uri.getRawPath().equals(REDIRECT_PATH)) {
        // A redirect to the URL in ?to=, as an allowed host might send a client elsewhere.
        String to =
            URLDecoder.decode(
                uri.getRawQuery().split("&")[0].substring("to=".length()), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Location", to);
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      if (uri.getRawPath().equals(SET_COOKIE_PATH)) {
        // A cookie whose value is the raw ?v=, as a login might set a session from a secret.
        exchange
            .getResponseHeaders()
            .set("Set-Cookie", "session=" + uri.getRawQuery().substring(2));
      }
      // Paths under /echo answer with what was received, so secrets reach response bodies too.
      byte[] answer =
          uri.getRawPath().startsWith(ECHO_PATH)
              ? Json.MAPPER.writeValueAsBytes(
                  java.util.Map.of(
                      "target",
                      target,
                      "headers",
                      exchange.getRequestHeaders(),
                      "body",
                      new String(body, StandardCharsets.UTF_8)))
              : "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    stopping.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
