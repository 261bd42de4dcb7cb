package io.newmankeyvault.network;

import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A private CA ({@code --ca-file}), trusted in addition to the JDK's roots by every connection the
 * tool makes: the Postman API, Entra ID, Key Vault and the OIDC token endpoints all use the JDK's
 * HTTP client, which takes the process's default {@link SSLContext}; the command layer installs it
 * before any connection is made.
 */
public final class ExtraTrust {
  private ExtraTrust() {}

  /**
   * The certificates of a PEM file; exit 2 naming the file when it is missing, unreadable or holds
   * no PEM certificate. Its contents are never echoed.
   */
  public static List<X509Certificate> read(Path pem) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(pem);
    } catch (NoSuchFileException e) {
      throw UserFacingException.usage("--ca-file " + pem + ": no such file");
    } catch (IOException e) {
      throw UserFacingException.usage(
          "--ca-file " + pem + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      throw UserFacingException.usage(
          "--ca-file " + pem + ": holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> x509 = new ArrayList<>();
      for (Certificate certificate : certificates) {
        if (certificate instanceof X509Certificate c) {
          x509.add(c);
        }
      }
      if (x509.isEmpty()) {
        throw UserFacingException.usage("--ca-file " + pem + ": holds no X.509 certificate");
      }
      return x509;
    } catch (CertificateException | IOException e) {
      throw UserFacingException.usage(
          "--ca-file "
              + pem
              + ": is not a valid PEM certificate file: check that it is the CA's"
              + " certificate in PEM form");
    }
  }

  /**
   * Makes the process's default SSL context trust {@code extra} besides what it trusted (the JDK's
   * roots, or {@code javax.net.ssl.trustStore}).
   */
  public static void install(List<X509Certificate> extra) {
    try {
      TrustManagerFactory defaults =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      defaults.init((KeyStore) null);
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      int n = 0;
      for (TrustManager manager : defaults.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          for (X509Certificate issuer : x509.getAcceptedIssuers()) {
            anchors.setCertificateEntry("jdk-" + n++, issuer);
          }
        }
      }
      for (X509Certificate certificate : extra) {
        anchors.setCertificateEntry("ca-file-" + n++, certificate);
      }
      TrustManagerFactory combined =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      combined.init(anchors);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, combined.getTrustManagers(), null);
      SSLContext.setDefault(context);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("could not set up the trust of --ca-file", e);
    }
  }
}
