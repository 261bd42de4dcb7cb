package io.newmankeyvault.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newmankeyvault.testing.TestClientCertificate;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forms a Key Vault certificate's secret takes, and the values that are none. */
class ClientCertificateTest {
  @TempDir static Path dir;
  private static TestClientCertificate made;

  @BeforeAll
  static void make() {
    made = TestClientCertificate.create(dir, "unit-client");
  }

  @Test
  void pkcs12AndPemGiveTheSameKeyChainSubjectAndExpiry() throws Exception {
    ClientCertificate fromPkcs12 = ClientCertificate.parse(made.pkcs12Base64());
    ClientCertificate fromPem = ClientCertificate.parse(made.pem());
    assertThat(fromPkcs12.keyPem())
        .isEqualTo(fromPem.keyPem())
        .startsWith("-----BEGIN PRIVATE KEY");
    assertThat(fromPkcs12.chainPem()).isEqualTo(fromPem.chainPem());
    assertThat(fromPkcs12.subject()).isEqualTo("CN=unit-client");
    assertThat(fromPkcs12.notAfter()).isEqualTo(made.certificate().getNotAfter().toInstant());
    assertThat(fromPkcs12.describe()).startsWith("CN=unit-client, expires ");
    // With line breaks, as a multi-line secret may hold it.
    assertThat(ClientCertificate.parse(made.pkcs12Base64().replaceAll("(.{64})", "$1\n")).keyPem())
        .isEqualTo(fromPem.keyPem());
  }

  @Test
  void theProtectedFormsCoverTheKeyWholeAndByLine() throws Exception {
    ClientCertificate certificate = ClientCertificate.parse(made.pkcs12Base64());
    assertThat(certificate.protectedForms()).containsAll(made.keyForms().subList(0, 2));
    assertThat(String.join("\n", certificate.protectedForms())).doesNotContain("CERTIFICATE");
  }

  @Test
  void valuesThatAreNoUsableCertificateSayWhyWithoutQuotingThem() {
    String pem = made.pem();
    String keyOnly = pem.substring(0, pem.indexOf("-----BEGIN CERTIFICATE"));
    String certOnly = pem.substring(pem.indexOf("-----BEGIN CERTIFICATE"));
    assertThatThrownBy(() -> ClientCertificate.parse(keyOnly)).hasMessage("holds no certificate");
    assertThatThrownBy(() -> ClientCertificate.parse(certOnly)).hasMessage("holds no private key");
    assertThatThrownBy(
            () ->
                ClientCertificate.parse(
                    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nCANARYAAAA\n"
                        + "-----END ENCRYPTED PRIVATE KEY-----\n"
                        + certOnly))
        .hasMessageStartingWith("its private key is encrypted");
    assertThatThrownBy(() -> ClientCertificate.parse("CANARY-no-certificate-END"))
        .isInstanceOf(ClientCertificate.Unusable.class)
        .message()
        .doesNotContain("CANARY");
    assertThatThrownBy(
            () ->
                ClientCertificate.parse(
                    "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
        .hasMessageContaining("not an X.509 certificate");
  }
}
