package io.newmankeyvault.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.testing.FakeProxy;
import io.newmankeyvault.testing.TestTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy variables as Newman reads them, and the JDK's HTTP client going through a real CONNECT
 * proxy that wants Basic credentials (the surefire JVM allows Basic for tunnels, as {@code Main}
 * does).
 */
class ProxiesTest {
  private static final String USER = "svc-ci";
  private static final String PASSWORD = "CANARY-pr0xy:p@ss/w%rd-END";
  private static final String ENCODED = "CANARY-pr0xy%3Ap%40ss%2Fw%25rd-END";

  private FakeProxy proxy;
  private HttpsServer https;
  private HttpServer http;

  @BeforeEach
  void start() throws IOException {
    proxy = new FakeProxy(USER, PASSWORD);
    https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    https.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext()));
    https.createContext("/", FakeHttpAnswer::ok);
    https.start();
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    http.createContext("/", FakeHttpAnswer::ok);
    http.start();
  }

  @AfterEach
  void stop() {
    proxy.close();
    https.stop(0);
    http.stop(0);
  }

  /** Answers 200 "ok". */
  private static final class FakeHttpAnswer {
    static void ok(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }
  }

  private static HttpResponse<String> get(Proxies proxies, String url) throws Exception {
    HttpClient client = proxies.configure(HttpClient.newBuilder()).build();
    return client.send(
        proxies.authorized(HttpRequest.newBuilder(URI.create(url)).build()),
        HttpResponse.BodyHandlers.ofString());
  }

  private String httpsUrl() {
    return "https://login.localhost:" + https.getAddress().getPort() + "/x";
  }

  private String httpUrl() {
    return "http://kv1.vault.localhost:" + http.getAddress().getPort() + "/x";
  }

  @Test
  void httpsGoesThroughTheTunnelWithBasicCredentialsAndHttpThroughTheProxy() throws Exception {
    List<String> routes = new ArrayList<>();
    Proxies proxies =
        Proxies.from(
                Map.of(
                    "HTTPS_PROXY",
                    proxy.url(USER + ":" + ENCODED),
                    "HTTP_PROXY",
                    proxy.url(USER + ":" + ENCODED)))
            .tellingRoutesTo(routes::add);

    assertThat(get(proxies, httpsUrl()).body()).isEqualTo("ok");
    assertThat(get(proxies, httpUrl()).body()).isEqualTo("ok");

    assertThat(proxy.tunnelledHosts()).containsExactly("login.localhost", "kv1.vault.localhost");
    assertThat(proxy.requests()).extracting(FakeProxy.Request::method).contains("CONNECT", "GET");
    assertThat(proxies.credentials()).contains(PASSWORD, ENCODED);
    assertThat(routes)
        .containsExactly(
            "proxy: login.localhost:"
                + https.getAddress().getPort()
                + " via http://127.0.0.1:"
                + proxy.port()
                + " (HTTPS_PROXY)",
            "proxy: kv1.vault.localhost:"
                + http.getAddress().getPort()
                + " via http://127.0.0.1:"
                + proxy.port()
                + " (HTTP_PROXY)");
    assertThat(String.join("\n", routes)).doesNotContain("CANARY").doesNotContain(USER);
  }

  @Test
  void wrongCredentialsAreARefusalNamingTheVariableNotThePassword() throws Exception {
    Proxies proxies = Proxies.from(Map.of("https_proxy", proxy.url(USER + ":CANARY-wrong-END")));
    assertThat(get(proxies, httpsUrl()).statusCode()).isEqualTo(407);
    assertThat(proxies.refusal(URI.create(httpsUrl())).orElseThrow())
        .isEqualTo(
            "the proxy http://127.0.0.1:"
                + proxy.port()
                + " (https_proxy) refused the credentials in https_proxy (407): check the user and"
                + " the password (URL-encoded)")
        .doesNotContain("CANARY");
    assertThat(Proxies.isRefusal(new java.io.UncheckedIOException(new IOException("407"))))
        .isTrue();
    assertThat(Proxies.isRefusal(new IOException("connection refused"))).isFalse();
  }

  @Test
  void aServersOwn401StaysAnAnswer() throws Exception {
    http.createContext(
        "/denied",
        exchange -> {
          exchange.sendResponseHeaders(401, -1);
          exchange.close();
        });
    Proxies proxies = Proxies.from(Map.of("HTTP_PROXY", proxy.url(USER + ":" + ENCODED)));
    assertThat(get(proxies, httpUrl().replace("/x", "/denied")).statusCode()).isEqualTo(401);
  }

  @Test
  void credentialsNeverGoToAHostReachedDirectly() throws Exception {
    Proxies proxies =
        Proxies.from(
            Map.of("HTTP_PROXY", proxy.url(USER + ":" + ENCODED), "NO_PROXY", "127.0.0.1"));
    URI direct = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/x");
    assertThat(proxies.authorization(direct)).isEmpty();
    assertThat(proxies.authorization(URI.create(httpUrl()))).isPresent();
  }

  @Test
  void noCredentialsIsARefusalThatSaysWhereToPutThem() throws Exception {
    Proxies proxies = Proxies.from(Map.of("HTTPS_PROXY", proxy.url(null)));
    // The JDK hands the tunnel's 407 back as the answer.
    assertThat(get(proxies, httpsUrl()).statusCode()).isEqualTo(407);
    assertThat(proxies.refusal(URI.create(httpsUrl())).orElseThrow())
        .contains("asks for credentials (407): put them in HTTPS_PROXY");
  }

  @Test
  void noProxyMatchesHostsSuffixesPortsAndStar() {
    Proxies proxies =
        Proxies.from(
            Map.of(
                "HTTPS_PROXY", "proxy.corp:3128",
                "NO_PROXY", " .internal.corp, example.com,10.0.0.7, api.test:8443,[::1]"));
    assertThat(proxies.route(URI.create("https://a.internal.corp/x"))).isEmpty();
    assertThat(proxies.route(URI.create("https://internal.corp/x"))).isEmpty();
    assertThat(proxies.route(URI.create("https://example.com"))).isEmpty();
    assertThat(proxies.route(URI.create("https://www.example.com"))).isEmpty();
    assertThat(proxies.route(URI.create("https://notexample.com"))).isPresent();
    assertThat(proxies.route(URI.create("https://10.0.0.7"))).isEmpty();
    assertThat(proxies.route(URI.create("https://10.0.0.70"))).isPresent();
    assertThat(proxies.route(URI.create("https://api.test:8443"))).isEmpty();
    assertThat(proxies.route(URI.create("https://api.test"))).isPresent();
    assertThat(proxies.route(URI.create("https://[::1]:9000"))).isEmpty();
    // No scheme: http, and the default port is 80, as in Newman.
    assertThat(proxies.route(URI.create("https://login.microsoftonline.com")))
        .hasValueSatisfying(
            named -> assertThat(named.display()).isEqualTo("http://proxy.corp:3128 (HTTPS_PROXY)"));
    assertThat(
            Proxies.from(Map.of("HTTP_PROXY", "http://p", "no_proxy", "*"))
                .route(URI.create("http://anything")))
        .isEmpty();
  }

  @Test
  void httpsFallsBackToHttpProxyUpperCaseWinsAndHttpNeverTakesHttpsProxy() {
    Proxies proxies =
        Proxies.from(Map.of("HTTP_PROXY", "http://upper:1", "http_proxy", "http://lower:2"));
    assertThat(proxies.route(URI.create("https://a")).orElseThrow().display())
        .isEqualTo("http://upper:1 (HTTP_PROXY)");
    Proxies httpsOnly = Proxies.from(Map.of("HTTPS_PROXY", "http://p:3128"));
    assertThat(httpsOnly.route(URI.create("http://a"))).isEmpty();
  }

  @Test
  void theManagedIdentityEndpointIsNeverProxied() {
    Proxies proxies =
        Proxies.from(
            Map.of(
                "HTTPS_PROXY", "http://p:3128",
                "HTTP_PROXY", "http://p:3128",
                "IDENTITY_ENDPOINT", "http://127.0.0.1:41741/msi/token"));
    assertThat(proxies.route(URI.create("http://169.254.169.254/metadata/identity"))).isEmpty();
    assertThat(proxies.route(URI.create("http://127.0.0.1:41741/msi/token"))).isEmpty();
    assertThat(proxies.route(URI.create("https://kv.vault.azure.net"))).isPresent();
  }

  @Test
  void aMalformedOrHttpsProxyIsAUsageErrorAtTheFirstConnectionThatNeverEchoesTheValue() {
    Proxies https = Proxies.from(Map.of("HTTPS_PROXY", "https://u:CANARY-pw-END@p:443"));
    assertThatThrownBy(() -> https.configure(HttpClient.newBuilder()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("HTTPS_PROXY names a https:// proxy")
        .message()
        .doesNotContain("CANARY");
    Proxies broken = Proxies.from(Map.of("HTTP_PROXY", "http://u:CANARY-pw-END@p:notaport"));
    assertThatThrownBy(() -> broken.configure(HttpClient.newBuilder()))
        .hasMessage("HTTP_PROXY is not a proxy URL: expected http://[USER:PASSWORD@]HOST[:PORT]");
    assertThat(broken.credentials()).contains("http://u:CANARY-pw-END@p:notaport");
  }
}
