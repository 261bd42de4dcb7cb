package io.newmankeyvault.hydrate;

/**
 * A {@code --client-cert HOST_PATTERN=REFERENCE} option, split at its first '='.
 *
 * @param hostPattern the hosts that get the certificate: {@code HOST[:PORT]}, {@code *.DOMAIN}, or
 *     a URL match pattern such as {@code https://api.example.com:8443/*}
 * @param reference the reference to the certificate's secret (not yet parsed)
 */
public record ClientCertOption(String hostPattern, String reference) {}
