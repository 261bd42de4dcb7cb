package io.newmankeyvault.network;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** Says in one line why TLS with a host failed, and what to do, from the exception's causes. */
public final class TlsFailure {
  private TlsFailure() {}

  /**
   * The reason, when {@code failure} is (or was caused by) a TLS failure; else empty. Names the
   * host, never what the server sent.
   */
  public static Optional<String> describe(Throwable failure, String host) {
    boolean tls = false;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SSLException) {
        tls = true;
      }
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
        return Optional.of(
            "the TLS certificate of "
                + host
                + " is not trusted: pass the CA that issued it (your proxy's or company's root,"
                + " in PEM) with --ca-file or NKV_CA_FILE");
      }
      if (t instanceof CertificateException
          && String.valueOf(t.getMessage()).contains("No subject alternative")) {
        return Optional.of(
            "the TLS certificate of "
                + host
                + " is not issued for that name: check the host (a proxy that inspects TLS must"
                + " issue certificates for it)");
      }
    }
    return tls
        ? Optional.of("TLS with " + host + " failed (" + failure.getClass().getSimpleName() + ")")
        : Optional.empty();
  }
}
