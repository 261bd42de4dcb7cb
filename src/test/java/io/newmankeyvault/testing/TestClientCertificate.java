package io.newmankeyvault.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client key and self-signed certificate made by the JDK's {@code keytool} for one test, in the
 * forms a Key Vault certificate's secret takes: base64 PKCS#12 without a password ({@code
 * application/x-pkcs12}) and PEM with the key and the certificate ({@code application/x-pem-file}).
 */
public final class TestClientCertificate {
  private final PrivateKey key;
  private final X509Certificate certificate;

  private TestClientCertificate(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /** Makes a fresh EC key and certificate with subject {@code CN=cn} in {@code dir}. */
  public static TestClientCertificate create(Path dir, String cn) {
    Path store = dir.resolve(cn + ".p12");
    try {
      Process keytool =
          new ProcessBuilder(
                  TestJava.binDirectory().resolve("keytool").toString(),
                  "-genkeypair",
                  "-alias",
                  "client",
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-validity",
                  "30",
                  "-dname",
                  "CN=" + cn,
                  "-keystore",
                  store.toString(),
                  "-storetype",
                  "PKCS12",
                  "-storepass",
                  TestTls.PASSWORD,
                  "-keypass",
                  TestTls.PASSWORD)
              .redirectErrorStream(true)
              .start();
      keytool.getInputStream().transferTo(ByteArrayOutputStream.nullOutputStream());
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        throw new IllegalStateException("keytool failed for " + cn);
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, TestTls.PASSWORD.toCharArray());
      }
      Files.delete(store);
      return new TestClientCertificate(
          (PrivateKey) keys.getKey("client", TestTls.PASSWORD.toCharArray()),
          (X509Certificate) keys.getCertificate("client"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate's subject, as the server reports it. */
  public String subject() {
    return certificate.getSubjectX500Principal().getName();
  }

  /** Base64 PKCS#12 with an empty password, as Key Vault exports a certificate's secret. */
  public String pkcs12Base64() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "client", key, new char[0], new java.security.cert.Certificate[] {certificate});
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, new char[0]);
      return Base64.getEncoder().encodeToString(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key (PKCS#8) and the certificate as one PEM text. */
  public String pem() {
    try {
      return TestTls.pem("PRIVATE KEY", key.getEncoded())
          + TestTls.pem("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every text of the key material that must never appear in an output: the PKCS#8 base64 whole and
   * by line, the PKCS#12 base64, and the raw key bytes' base64 without line breaks.
   */
  public List<String> keyForms() {
    List<String> forms = new ArrayList<>();
    String body = Base64.getEncoder().encodeToString(key.getEncoded());
    forms.add(body);
    for (String line : TestTls.pem("PRIVATE KEY", key.getEncoded()).split("\n")) {
      if (!line.startsWith("-----") && line.length() >= 16) {
        forms.add(line);
      }
    }
    forms.add(pkcs12Base64().substring(0, 64));
    return forms;
  }
}
