package io.newmankeyvault.testing;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test-only TLS material in {@code src/test/resources/tls} (see the README there) and the hosts
 * file that resolves {@code login.localhost} and {@code kvN.vault.localhost} to 127.0.0.1.
 *
 * <p>The test JVM trusts the certificate through surefire's {@code argLine}; a spawned {@code java
 * -jar} gets the same through {@link #jvmOptions()}.
 */
public final class TestTls {
  public static final String PASSWORD = "changeit";

  private static volatile SSLContext serverContext;

  private TestTls() {}

  /** The project root (surefire and failsafe set {@code nkv.projectDir}). */
  static Path projectDir() {
    return Path.of(System.getProperty("nkv.projectDir", ".")).toAbsolutePath().normalize();
  }

  /** The key store with the server's key and certificate (PKCS12, password {@link #PASSWORD}). */
  public static Path serverKeyStore() {
    return existing(projectDir().resolve("src/test/resources/tls/server.p12"));
  }

  /** The trust store that trusts the server certificate (PKCS12, password {@link #PASSWORD}). */
  public static Path trustStore() {
    return existing(projectDir().resolve("src/test/resources/tls/truststore.p12"));
  }

  public static String trustStorePassword() {
    return PASSWORD;
  }

  /** The hosts file for {@code -Djdk.net.hosts.file}. */
  public static Path hostsFile() {
    return existing(projectDir().resolve("src/test/resources/hosts"));
  }

  /**
   * The JVM options a spawned {@code java} needs to reach the fakes: the hosts file and the trust
   * store, exactly as surefire passes them to the test JVM.
   */
  public static List<String> jvmOptions() {
    return List.of(
        "-Djdk.net.hosts.file=" + hostsFile(),
        "-Djavax.net.ssl.trustStore=" + trustStore(),
        "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
        "-Djavax.net.ssl.trustStoreType=PKCS12");
  }

  /**
   * Writes the fakes' certificate to {@code dir/ca.pem}, as the PEM file of a company's CA would
   * be: the only thing that vouches for the fakes to a JVM given no trust store.
   */
  public static Path caPem(Path dir) {
    try (InputStream in = Files.newInputStream(trustStore())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      java.security.cert.Certificate certificate =
          store.getCertificate(store.aliases().nextElement());
      return Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", certificate.getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** DER bytes as a PEM block of {@code type} ({@code CERTIFICATE}, {@code PRIVATE KEY}). */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** An {@link SSLContext} that serves the test certificate. */
  public static SSLContext serverContext() {
    SSLContext context = serverContext;
    if (context == null) {
      synchronized (TestTls.class) {
        if (serverContext == null) {
          serverContext = load();
        }
        context = serverContext;
      }
    }
    return context;
  }

  /**
   * An {@link SSLContext} for clients that trusts the test certificate only (for code that cannot
   * rely on the {@code javax.net.ssl.trustStore} system property).
   */
  public static SSLContext clientContext() {
    try (InputStream in = Files.newInputStream(trustStore())) {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(in, PASSWORD.toCharArray());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A started-later HTTPS server on 127.0.0.1 and a fresh port, serving the test certificate, with
   * a pool of {@code threads} daemon threads (shut down by {@link #stop}).
   */
  static HttpsServer newHttpsServer(String name, int threads) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(FakeHttp.LOOPBACK, 0), 256);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
    server.setExecutor(pool(name, threads));
    return server;
  }

  /** A fixed pool of daemon threads named after the fake. */
  static ExecutorService pool(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        runnable -> {
          Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Stops a server started with {@link #newHttpsServer} or {@link #pool}, and its threads. */
  static void stop(com.sun.net.httpserver.HttpServer server) {
    server.stop(0);
    if (server.getExecutor() instanceof ExecutorService executor) {
      executor.shutdownNow();
    }
  }

  private static SSLContext load() {
    try (InputStream in = Files.newInputStream(serverKeyStore())) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, PASSWORD.toCharArray());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path existing(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          path + " is missing (run from the project root, or set -Dnkv.projectDir)");
    }
    return path;
  }
}
