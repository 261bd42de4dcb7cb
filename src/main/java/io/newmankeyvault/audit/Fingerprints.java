package io.newmankeyvault.audit;

import io.newmankeyvault.base.UserFacingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Finding fingerprints that say nothing about a value to whoever lacks the user's key. Baselines
 * and SARIF files are read by more people than the collection and outlive a credential removed from
 * it, so anything computed from the value alone, however slowly, lets them test guesses of a short
 * password offline. By default a fingerprint is a hash of the rule id, the document's id, the
 * location and the finding's ordinal among the values of that rule at that location: a new value at
 * the same place keeps the fingerprint. With {@value #KEY_VARIABLE} set, it is instead an
 * HMAC-SHA256 under that key of the rule id, the document's id, the location and the value, so a
 * new value there is a new finding and, without the key, a guess cannot be checked. Both are
 * shortened to {@value #LENGTH} hex digits and depend on nothing of the machine. Immutable;
 * thread-safe.
 */
final class Fingerprints {
  /** 20 hex digits: 80 bits, enough to never collide within one workspace. */
  static final int LENGTH = 20;

  /** The environment variable that holds the key; never an option, since argv is public. */
  static final String KEY_VARIABLE = "NKV_AUDIT_FINGERPRINT_KEY";

  /**
   * The shortest key accepted: 32 random characters (e.g. {@code openssl rand -hex 16}) put the key
   * out of reach of guessing; a shorter one could be guessed along with the value. Nothing derived
   * from the key alone is written anywhere, so a guess of it can only be checked together with a
   * guess of a value.
   */
  static final int MIN_KEY_LENGTH = 32;

  /** Kept apart from other uses of the same key, and from a later scheme. */
  private static final String DOMAIN = "newman-keyvault audit fingerprint v2";

  /** Null when fingerprints name the place only. */
  private final SecretKeySpec key;

  private Fingerprints(SecretKeySpec key) {
    this.key = key;
  }

  /** Fingerprints by place only: rule, document, location and ordinal. */
  static Fingerprints byPlace() {
    return new Fingerprints(null);
  }

  /**
   * Fingerprints keyed with the value of {@value #KEY_VARIABLE}, or by place when it is unset or
   * empty (an unavailable CI secret reads as empty). A short key is a usage error that never quotes
   * it.
   */
  static Fingerprints withKey(String key) {
    if (key == null || key.isEmpty()) {
      return byPlace();
    }
    if (key.length() < MIN_KEY_LENGTH) {
      throw UserFacingException.usage(
          KEY_VARIABLE
              + " is too short: use at least "
              + MIN_KEY_LENGTH
              + " random characters (e.g. the output of openssl rand -hex 32), kept as a CI"
              + " secret");
    }
    return new Fingerprints(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
  }

  /** Whether the value is part of the fingerprint (a key is set). */
  boolean keyed() {
    return key != null;
  }

  /**
   * The fingerprint of a finding.
   *
   * @param ordinal the finding's place among the distinct values of this rule at this location,
   *     from 0 in document order: what keeps two findings at one place apart without a key
   * @param value the credential: used only under a key
   */
  String of(Rule rule, Document document, String location, int ordinal, String value) {
    if (key == null) {
      MessageDigest sha = sha256();
      sha.update(fields(DOMAIN, rule.id(), document.id(), location, Integer.toString(ordinal)));
      return hex(sha.digest()).substring(0, LENGTH);
    }
    Mac mac = mac();
    return hex(mac.doFinal(fields(DOMAIN + " keyed", rule.id(), document.id(), location, value)))
        .substring(0, LENGTH);
  }

  /** Each field with its length first, so that no two lists of fields give the same bytes. */
  private static byte[] fields(String... fields) {
    int size = 0;
    byte[][] encoded = new byte[fields.length][];
    for (int i = 0; i < fields.length; i++) {
      encoded[i] = fields[i].getBytes(StandardCharsets.UTF_8);
      size += Integer.BYTES + encoded[i].length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    for (byte[] field : encoded) {
      buffer.putInt(field.length).put(field);
    }
    return buffer.array();
  }

  /** A new Mac per call: a Mac is not thread-safe, and one costs microseconds. */
  private Mac mac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
