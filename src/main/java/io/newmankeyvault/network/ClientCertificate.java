package io.newmankeyvault.network;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client certificate for mutual TLS, from a secret's value: Key Vault keeps a certificate's key
 * and chain in the secret of the same name, as base64 PKCS#12 without a password ({@code
 * application/x-pkcs12}) or as PEM ({@code application/x-pem-file}); the content tells which.
 * Newman gets it as PEM: an unencrypted PKCS#8 key and the chain.
 *
 * @param keyPem the private key, PEM
 * @param chainPem the certificate and the rest of its chain, PEM
 * @param subject the certificate's subject
 * @param notAfter when the certificate expires
 */
public record ClientCertificate(String keyPem, String chainPem, String subject, Instant notAfter) {
  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  /** Why a secret's value is not a usable client certificate; never quotes the value. */
  public static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Reads a secret's value: PEM when it has PEM blocks, else base64 PKCS#12. */
  public static ClientCertificate parse(String value) throws Unusable {
    return value.contains("-----BEGIN ") ? fromPem(value) : fromPkcs12(value);
  }

  /** {@code SUBJECT, expires INSTANT}, for the dry run. */
  public String describe() {
    return subject + ", expires " + notAfter;
  }

  /**
   * The texts to protect besides the secret's value: the key's PEM and each line of its base64 (for
   * PKCS#12 the key's encoding appears nowhere in the secret's text).
   */
  public List<String> protectedForms() {
    List<String> forms = new ArrayList<>(List.of(keyPem.strip()));
    for (String line : keyPem.split("\n")) {
      if (!line.startsWith("-----")) {
        forms.add(line.strip());
      }
    }
    forms.add(keyPem.replaceAll("-----[A-Z ]+-----|\\s", ""));
    return forms;
  }

  private static ClientCertificate fromPem(String value) throws Unusable {
    StringBuilder key = new StringBuilder();
    StringBuilder chain = new StringBuilder();
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher block = PEM_BLOCK.matcher(value.replace("\r\n", "\n"));
    while (block.find()) {
      String type = block.group(1);
      String text = block.group(0).strip() + "\n";
      if (type.endsWith("PRIVATE KEY")) {
        if (type.startsWith("ENCRYPTED") || block.group(2).contains("ENCRYPTED")) {
          throw new Unusable(
              "its private key is encrypted: store the key unencrypted (Key Vault's own"
                  + " certificates are)");
        }
        key.append(text);
      } else if (type.equals("CERTIFICATE")) {
        certificates.add(certificate(text.getBytes(StandardCharsets.US_ASCII)));
        chain.append(text);
      }
    }
    return checked(key.toString(), chain.toString(), certificates);
  }

  private static ClientCertificate fromPkcs12(String value) throws Unusable {
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new Unusable("is neither PEM nor base64 PKCS#12: is it a certificate?");
    }
    KeyStore store = null;
    for (char[] password : new char[][] {new char[0], null}) {
      try {
        store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(bytes), password);
        break;
      } catch (IOException | GeneralSecurityException e) {
        store = null;
      }
    }
    if (store == null) {
      throw new Unusable(
          "is not a PKCS#12 without a password (as Key Vault exports certificates), nor PEM");
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        Key key = store.getKey(alias, new char[0]);
        if (!(key instanceof PrivateKey privateKey) || !"PKCS#8".equals(key.getFormat())) {
          continue;
        }
        List<X509Certificate> certificates = new ArrayList<>();
        StringBuilder chain = new StringBuilder();
        for (Certificate certificate : store.getCertificateChain(alias)) {
          if (certificate instanceof X509Certificate x509) {
            certificates.add(x509);
            chain.append(pem("CERTIFICATE", x509.getEncoded()));
          }
        }
        return checked(pem("PRIVATE KEY", privateKey.getEncoded()), chain.toString(), certificates);
      }
    } catch (GeneralSecurityException e) {
      throw new Unusable("its private key cannot be read without a password");
    }
    throw new Unusable("holds no private key with a certificate");
  }

  private static ClientCertificate checked(
      String key, String chain, List<X509Certificate> certificates) throws Unusable {
    if (key.isEmpty()) {
      throw new Unusable("holds no private key");
    }
    if (certificates.isEmpty()) {
      throw new Unusable("holds no certificate");
    }
    X509Certificate leaf = certificates.get(0);
    return new ClientCertificate(
        key, chain, leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant());
  }

  private static X509Certificate certificate(byte[] pem) throws Unusable {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(pem));
    } catch (CertificateException e) {
      throw new Unusable("holds a CERTIFICATE block that is not an X.509 certificate");
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
