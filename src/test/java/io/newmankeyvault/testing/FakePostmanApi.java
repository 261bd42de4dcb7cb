package io.newmankeyvault.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A Postman API on 127.0.0.1 that speaks the real shapes: {@code GET /collections/{uid}} and {@code
 * GET /environments/{uid}} answer {@code {"collection":...}} / {@code {"environment":...}} when the
 * {@code X-Api-Key} header holds the expected key, and the real 401 body when it does not. Scripted
 * answers can be queued per path; {@code /echo} answers 200 to anyone, as the API under test for
 * Newman. Documents carry an ETag and answer 304 to an {@code If-None-Match} that still holds (the
 * real API's support of conditional requests is not known here). Every request is recorded.
 */
public final class FakePostmanApi implements AutoCloseable {
  /** One request as the server saw it. */
  public record Request(String method, String requestLine, Map<String, List<String>> headers) {}

  /** A scripted answer. */
  public record Answer(int status, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final String apiKey;
  private final Map<String, String> documents = new HashMap<>();
  private final Map<String, Deque<Answer>> scripted = new HashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile BooleanSupplier hold = () -> true;

  public FakePostmanApi(String apiKey) throws IOException {
    this.apiKey = apiKey;
    server = HttpServer.create(new InetSocketAddress(FakeHttp.LOOPBACK, 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  /** The base URL to pass as {@code --postman-api-url}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves a collection (its JSON, unwrapped) at {@code /collections/{uid}}. */
  public void collection(String uid, String json) {
    documents.put("/collections/" + uid, "{\"collection\":" + json + "}");
  }

  /** Serves an environment (its JSON, unwrapped) at {@code /environments/{uid}}. */
  public void environment(String uid, String json) {
    documents.put("/environments/" + uid, "{\"environment\":" + json + "}");
  }

  /** Queues answers for a path, used before the documents. */
  public synchronized void script(String path, Answer... answers) {
    scripted.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
  }

  /**
   * Makes every answer wait until {@code ready} holds (polled; at most 30 s): a slow API, so that a
   * test can watch what happens meanwhile.
   */
  public void holdUntil(BooleanSupplier ready) {
    hold = ready;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!hold.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    String path = exchange.getRequestURI().getRawPath();
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestMethod() + " " + exchange.getRequestURI(),
            Map.copyOf(exchange.getRequestHeaders())));
    Answer answer;
    synchronized (this) {
      Deque<Answer> queue = scripted.get(path);
      answer = queue == null ? null : queue.poll();
    }
    if (answer == null && path.equals("/echo")) {
      answer = new Answer(200, Map.of(), "{\"echo\":true}"); // for Newman's requests in tests
    }
    if (answer == null) {
      if (!apiKey.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
        answer =
            new Answer(
                401,
                Map.of(),
                "{\"error\":{\"name\":\"AuthenticationError\",\"message\":\"Invalid API Key. Every"
                    + " request requires a valid API Key to be sent.\"}}");
      } else if (documents.containsKey(path)) {
        // An ETag of the content, and 304 to an If-None-Match that still holds (as Express does).
        String etag = "W/\"" + Integer.toHexString(documents.get(path).hashCode()) + "\"";
        answer =
            etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))
                ? new Answer(304, Map.of("ETag", etag), "")
                : new Answer(200, Map.of("ETag", etag), documents.get(path));
      } else {
        answer =
            new Answer(
                404,
                Map.of(),
                "{\"type\":\"https://api.postman.com/problems/not-found\",\"title\":\"Not"
                    + " Found\",\"detail\":\"Resource not found\",\"status\":404}");
      }
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(answer.status(), answer.status() == 304 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
