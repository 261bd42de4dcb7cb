package io.newmankeyvault.base;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the name a user probably meant (a secret, a command, an option): the closest by edit
 * distance, if close enough.
 */
public final class NameSuggestions {
  private NameSuggestions() {}

  /** The closest name within a distance of 2 (or 3 for long names); empty when none is. */
  public static Optional<String> closest(String wanted, Collection<String> names) {
    String target = wanted.toLowerCase(Locale.ROOT);
    int limit = target.length() >= 12 ? 3 : 2;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : names) {
      int distance = distance(target, name.toLowerCase(Locale.ROOT));
      // A name that differs in case only is the likeliest mistake of all.
      if (!name.equals(wanted) && distance <= limit && distance < bestDistance) {
        best = name;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
