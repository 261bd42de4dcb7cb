package io.newmankeyvault.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS echo server on {@code https://localhost:PORT} (the test certificate) that wants a client
 * certificate and trusts exactly one: each request is answered 200 with the client certificate's
 * subject, and recorded. A handshake without that certificate fails, so nothing is recorded.
 */
public final class MtlsServer implements AutoCloseable {
  private final HttpsServer server;
  private final List<String> subjects = new CopyOnWriteArrayList<>();

  /** Trusts the certificate of {@code client} only. */
  public MtlsServer(TestClientCertificate client) throws IOException {
    server = HttpsServer.create(new InetSocketAddress(FakeHttp.LOOPBACK, 0), 16);
    SSLContext context = context(client.certificate());
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters parameters) {
            javax.net.ssl.SSLParameters ssl = context.getDefaultSSLParameters();
            ssl.setNeedClientAuth(true);
            parameters.setSSLParameters(ssl);
          }
        });
    server.setExecutor(TestTls.pool("mtls", 4));
    server.createContext(
        "/",
        exchange -> {
          String subject = "none";
          try {
            SSLSession session = ((com.sun.net.httpserver.HttpsExchange) exchange).getSSLSession();
            subject =
                ((X509Certificate) session.getPeerCertificates()[0])
                    .getSubjectX500Principal()
                    .getName();
          } catch (SSLPeerUnverifiedException e) {
            // no client certificate: needClientAuth makes this unreachable
          }
          subjects.add(subject);
          byte[] body = subject.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  /** {@code https://localhost:PORT}. */
  public String baseUrl() {
    return "https://localhost:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The client certificate subject of each request served. */
  public List<String> subjects() {
    return List.copyOf(subjects);
  }

  private static SSLContext context(X509Certificate trusted) {
    try (InputStream in = Files.newInputStream(TestTls.serverKeyStore())) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, TestTls.PASSWORD.toCharArray());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, TestTls.PASSWORD.toCharArray());
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("client", trusted);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
