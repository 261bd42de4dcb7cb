package io.newmankeyvault.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The automaton against the obvious loop, on random texts over small alphabets with UTF-8; cuts,
 * Basic credentials and long values.
 */
class PatternSetTest {
  private static final String ALPHABET = "ab\u00e9\u2026\u4e2d-";

  @Test
  void marksExactlyWhatANaiveSearchFinds() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      List<String> patterns = new ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
        patterns.add(randomText(random, 1 + random.nextInt(5)));
      }
      byte[] text = randomText(random, random.nextInt(60)).getBytes(StandardCharsets.UTF_8);

      BitSet expected = new BitSet();
      for (String pattern : patterns) {
        byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + p.length <= text.length; at++) {
          if (java.util.Arrays.equals(text, at, at + p.length, p, 0, p.length)) {
            expected.set(at, at + p.length);
          }
        }
      }
      BitSet actual = new BitSet();
      boolean found = PatternSet.of(patterns).mark(text, 0, text.length, actual);

      assertThat(actual)
          .as("patterns %s in %s", patterns, new String(text, StandardCharsets.UTF_8))
          .isEqualTo(expected);
      assertThat(found).isEqualTo(!expected.isEmpty());
    }
  }

  @Test
  void masksTheStartOfAPatternFromPrefixBytesOnLikeANaiveSearch() {
    // Punctuation only: the letters and digits after a cut (masked too) are tested below.
    String alphabet = "-_.:;!";
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      List<String> patterns = new ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
        patterns.add(randomText(random, alphabet, 10 + random.nextInt(30)));
      }
      StringBuilder built = new StringBuilder();
      while (built.length() < 120) {
        String pattern = patterns.get(random.nextInt(patterns.size()));
        built.append(randomText(random, alphabet, random.nextInt(4)));
        built.append(pattern, 0, 1 + random.nextInt(pattern.length()));
      }
      byte[] text = built.toString().getBytes(StandardCharsets.UTF_8);

      BitSet expected = new BitSet();
      for (String pattern : patterns) {
        byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < text.length; at++) {
          int length = 0;
          while (at + length < text.length && length < p.length && text[at + length] == p[length]) {
            length++;
          }
          if (length == p.length || length >= PatternSet.PREFIX_BYTES) {
            expected.set(at, at + length);
          }
        }
      }
      BitSet actual = new BitSet();
      PatternSet.of(patterns).mark(text, 0, text.length, actual);

      assertThat(actual).as("patterns %s in %s", patterns, built).isEqualTo(expected);
    }
  }

  @Test
  void aCutMasksTheWordAfterItSoThatAGuessLooksLikeAnyOther() {
    String secret = "0123456789abcdefghijKLMNOPQRST";
    PatternSet patterns = PatternSet.of(List.of(secret));
    String known = secret.substring(0, PatternSet.PREFIX_BYTES);

    // The right next character and a wrong one: the same mask, up to the '!'.
    assertThat(masked(patterns, known + "g!")).isEqualTo("*".repeat(17) + "!");
    assertThat(masked(patterns, known + "x!")).isEqualTo("*".repeat(17) + "!");
    // What a library writes after its cut stays.
    assertThat(masked(patterns, "'" + known + "ghij'... 10 more characters"))
        .isEqualTo("'" + "*".repeat(20) + "'... 10 more characters");
    assertThat(masked(patterns, known + "\u2026' to equal"))
        .isEqualTo("*".repeat(PatternSet.PREFIX_BYTES + 3) + "' to equal");
    // A whole pattern is not a cut: the text after it stays.
    assertThat(masked(patterns, secret + "x y")).isEqualTo("*".repeat(secret.length()) + "x y");
    // Shorter than PREFIX_BYTES: left alone (ValueForms lists the short cuts it knows).
    String short15 = secret.substring(0, PatternSet.PREFIX_BYTES - 1);
    assertThat(masked(patterns, short15 + "x")).isEqualTo(short15 + "x");
  }

  @Test
  void basicCredentialsThatHoldAPatternAreMaskedWhole() {
    PatternSet patterns = PatternSet.of(List.of("Zx9!q"));
    String credentials = basic("abc:Zx9!q");
    assertThat(credentials).doesNotContain("Zx9!q");

    assertThat(masked(patterns, "Authorization: Basic " + credentials + "\n"))
        .isEqualTo("Authorization: Basic " + "*".repeat(credentials.length()) + "\n");
    String padded = basic("ab:Zx9!q"); // ends with '='
    assertThat(padded).endsWith("=");
    assertThat(masked(patterns, "[\"Basic " + padded + "\"]"))
        .isEqualTo("[\"Basic " + "*".repeat(padded.length()) + "\"]");
    // Other credentials, and what only looks like base64, stay.
    String other = "Basic " + basic("abc:other");
    assertThat(masked(patterns, other)).isEqualTo(other);
    assertThat(masked(patterns, "Basic auth is on.")).isEqualTo("Basic auth is on.");
  }

  @Test
  void aLongValueAndALongCutOfItCostTheirLengthNotItsSquare() {
    Random random = new Random(3);
    StringBuilder value = new StringBuilder("CANARY-");
    while (value.length() < 1 << 20) {
      value.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
    }
    PatternSet patterns = PatternSet.of(List.of(value.toString()));
    byte[] whole = ("x " + value + " y").getBytes(StandardCharsets.UTF_8);
    byte[] cut =
        ("x " + value.substring(0, value.length() / 2) + "(showing")
            .getBytes(StandardCharsets.UTF_8);

    long start = System.nanoTime();
    BitSet wholeMask = new BitSet();
    BitSet cutMask = new BitSet();
    patterns.mark(whole, 0, whole.length, wholeMask);
    patterns.mark(cut, 0, cut.length, cutMask);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(wholeMask.cardinality()).isEqualTo(value.length());
    assertThat(cutMask.cardinality()).isEqualTo(value.length() / 2);
    // Setting every longer prefix anew at each byte would take minutes.
    assertThat(millis).isLessThan(5_000);
  }

  private static String masked(PatternSet patterns, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    BitSet masked = new BitSet();
    patterns.mark(bytes, 0, bytes.length, masked);
    for (int i = masked.nextSetBit(0); i >= 0; i = masked.nextSetBit(i + 1)) {
      bytes[i] = '*';
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String basic(String credentials) {
    return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private static String randomText(Random random, String alphabet, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
