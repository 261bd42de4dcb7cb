package io.newmankeyvault.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Finding fingerprints: SHA-256 over the rule id, the document's id, the location and a hash of the
 * value, shortened to 20 hex digits. The same leak in the same place keeps its fingerprint across
 * runs (baselines and SARIF key on it); a new value there is a new finding. The value's hash is
 * PBKDF2 with many rounds, so a fingerprint cannot be turned back into a weak password by trying a
 * dictionary quickly. Thread-safe.
 */
final class Fingerprints {
  /** 20 hex digits: 80 bits, enough to never collide within one workspace. */
  static final int LENGTH = 20;

  /**
   * Rounds of PBKDF2 over the value: slow enough to make guessing costly, fast enough for a few
   * thousand findings (about a millisecond each).
   */
  private static final int ROUNDS = 10_000;

  private static final byte[] SALT =
      "newman-keyvault audit fingerprint v1".getBytes(StandardCharsets.UTF_8);

  private Fingerprints() {}

  /** The fingerprint of a finding, given {@link #valueHash} of its value. */
  static String of(Rule rule, Document document, String location, byte[] valueHash) {
    MessageDigest sha = sha256();
    for (String part : new String[] {rule.id(), document.id(), location}) {
      sha.update(part.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    sha.update(valueHash);
    return HexFormat.of().formatHex(sha.digest()).substring(0, LENGTH);
  }

  /** The slow, salted hash of a value: computed once per distinct value. */
  static byte[] valueHash(String value) {
    try {
      PBEKeySpec spec = new PBEKeySpec(value.toCharArray(), SALT, ROUNDS, 256);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(spec)
            .getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
