package io.newmankeyvault.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The automaton against the obvious loop, on random texts over a small alphabet with UTF-8. */
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

  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
