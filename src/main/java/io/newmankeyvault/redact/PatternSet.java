package io.newmankeyvault.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/**
 * An Aho–Corasick automaton over the UTF-8 bytes of many patterns: one pass over a text finds every
 * occurrence of every pattern, however many there are. Immutable and thread-safe.
 *
 * <p>The root has a full 256-entry table (most bytes of ordinary text leave it at once); deeper
 * nodes keep their few children in sorted arrays. Each node knows how many bytes before it to mask
 * (through its suffix links), which is all masking needs: the union of the longest matches ending
 * at each position covers every match.
 *
 * <p>Two things the patterns cannot say are found in the same pass:
 *
 * <ul>
 *   <li><b>Cuts.</b> Libraries show only the start of a long string (Newman's CLI 2,048 characters
 *       of a body, util.inspect 10,000 of a string, chai 37 of a quoted one, and any other), and
 *       the value may start anywhere before the cut: which prefix is left cannot be listed for a
 *       long value. So {@link #PREFIX_BYTES} or more bytes of the start of any pattern are masked
 *       wherever they occur; {@link ValueForms} lists shorter cuts as forms of their own.
 *   <li><b>Basic credentials.</b> When the user is not known, too few base64 characters depend on a
 *       short password alone to make a pattern: see {@link BasicCredentials}.
 * </ul>
 */
final class PatternSet {
  /**
   * How many bytes of the start of a pattern are masked wherever they occur, as the visible part of
   * a value some library cut. Fewer would mask common words that start a value ({@code https://},
   * {@code password}); more would leave a longer piece of a cut value in clear.
   */
  static final int PREFIX_BYTES = 16;

  /** Where Basic credentials start: see {@link BasicCredentials}. */
  private static final List<String> BASIC = List.of(BasicCredentials.INTRODUCTION);

  // A node's output: the bytes to mask before it, and two flags.
  private static final int LENGTH = (1 << 30) - 1;
  private static final int CUT = 1 << 30; // they start a pattern, and no whole one ends here
  private static final int TRIGGER = 1 << 31; // "Basic " ends here

  private static final PatternSet EMPTY =
      new PatternSet(new int[256], new int[2], new int[1], new int[1], new byte[0], new int[0], 0);

  private final int[] rootNext;
  private final int[] edgeStart; // node -> first edge index; edgeStart[node + 1] ends it
  private final int[] fail;
  private final int[] output;
  private final byte[] edgeLabel;
  private final int[] edgeTarget;
  private final int maxLength;

  private PatternSet(
      int[] rootNext,
      int[] edgeStart,
      int[] fail,
      int[] output,
      byte[] edgeLabel,
      int[] edgeTarget,
      int maxLength) {
    this.rootNext = rootNext;
    this.edgeStart = edgeStart;
    this.fail = fail;
    this.output = output;
    this.edgeLabel = edgeLabel;
    this.edgeTarget = edgeTarget;
    this.maxLength = maxLength;
  }

  /** The automaton for these patterns; empty strings are ignored. */
  static PatternSet of(Collection<String> patterns) {
    List<PatternTrie.Entry> entries = new ArrayList<>();
    for (String pattern : patterns) {
      if (!pattern.isEmpty()) {
        entries.add(new PatternTrie.Entry(pattern.getBytes(StandardCharsets.UTF_8), false));
      }
    }
    if (entries.isEmpty()) {
      return EMPTY;
    }
    for (String trigger : BASIC) {
      entries.add(new PatternTrie.Entry(trigger.getBytes(StandardCharsets.UTF_8), true));
    }
    // The trie is built from the patterns in byte order: see PatternTrie.
    entries.sort((x, y) -> Arrays.compareUnsigned(x.bytes(), y.bytes()));
    long total = 1;
    int maxLength = 0;
    int longestEntry = 0;
    for (PatternTrie.Entry entry : entries) {
      total += entry.bytes().length;
      longestEntry = Math.max(longestEntry, entry.bytes().length);
      if (!entry.trigger()) {
        maxLength = Math.max(maxLength, entry.bytes().length);
      }
    }
    if (total > LENGTH) {
      throw new IllegalArgumentException("patterns too large: " + total + " bytes");
    }
    return automaton(PatternTrie.of(entries, (int) total, longestEntry), maxLength);
  }

  /**
   * The automaton over a trie: its edges in sorted arrays (the root's in a full table), each node's
   * suffix link, and each node's output.
   */
  private static PatternSet automaton(PatternTrie trie, int maxLength) {
    int nodes = trie.nodes();
    int[] parent = trie.parent();
    int[] depth = trie.depth();
    int[] longest = trie.longest();
    int[] edgeStart = new int[nodes + 1];
    for (int node = 1; node < nodes; node++) {
      edgeStart[parent[node] + 1]++;
    }
    for (int node = 0; node < nodes; node++) {
      edgeStart[node + 1] += edgeStart[node];
    }
    byte[] edgeLabel = new byte[nodes - 1];
    int[] edgeTarget = new int[nodes - 1];
    int[] fill = Arrays.copyOf(edgeStart, nodes);
    for (int node = 1; node < nodes; node++) { // in creation order: labels stay sorted
      int slot = fill[parent[node]]++;
      edgeLabel[slot] = trie.label()[node];
      edgeTarget[slot] = node;
    }
    int[] rootNext = new int[256];
    for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
      rootNext[edgeLabel[e] & 0xff] = edgeTarget[e];
    }
    int[] fail = new int[nodes];
    PatternSet partial =
        new PatternSet(rootNext, edgeStart, fail, longest, edgeLabel, edgeTarget, maxLength);
    int[] queue = new int[nodes];
    int head = 0;
    int tail = 0;
    for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
      queue[tail++] = edgeTarget[e];
    }
    while (head < tail) {
      int node = queue[head++];
      for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
        int child = edgeTarget[e];
        int state = fail[node];
        int next;
        while ((next = partial.child(state, edgeLabel[e])) < 0 && state != 0) {
          state = fail[state];
        }
        fail[child] = Math.max(next, 0);
        if (fail[child] == child) {
          fail[child] = 0;
        }
        longest[child] = Math.max(longest[child], longest[fail[child]]);
        queue[tail++] = child;
      }
    }
    int[] output = new int[nodes];
    for (int node = 1; node < nodes; node++) {
      int length = longest[node];
      if (depth[node] >= PREFIX_BYTES && longest[node] < depth[node]) {
        length = depth[node] | CUT; // the start of a pattern, not a whole one
      }
      output[node] = length | (trie.triggers().get(node) ? TRIGGER : 0);
    }
    return new PatternSet(rootNext, edgeStart, fail, output, edgeLabel, edgeTarget, maxLength);
  }

  /** The longest pattern's length in bytes. */
  int maxLength() {
    return maxLength;
  }

  boolean isEmpty() {
    return maxLength == 0;
  }

  /** The child of a node along a byte, or -1 (the root answers 0 for "stay"). */
  private int child(int node, byte label) {
    if (node == 0) {
      int next = rootNext[label & 0xff];
      return next == 0 ? -1 : next;
    }
    int low = edgeStart[node];
    int high = edgeStart[node + 1] - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int cmp = Integer.compare(edgeLabel[mid] & 0xff, label & 0xff); // edges are sorted unsigned
      if (cmp == 0) {
        return edgeTarget[mid];
      }
      if (cmp < 0) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return -1;
  }

  /**
   * Marks in {@code masked} (indexed from {@code from}) every byte of {@code data[from, to)} that
   * belongs to an occurrence of a pattern, to {@link #PREFIX_BYTES} or more bytes of the start of
   * one, or to Basic credentials that hold one. Returns whether anything matched.
   */
  boolean mark(byte[] data, int from, int to, BitSet masked) {
    if (maxLength == 0) {
      return false;
    }
    Marks marks = new Marks(masked);
    int[] triggers = null;
    int triggerCount = 0;
    // After the text left a pattern it had followed for PREFIX_BYTES bytes or more without
    // completing it, the letters and digits that follow are masked too: a script printing guesses
    // of a secret's next character must not learn from the mask whether its guess was right.
    boolean afterCut = false;
    int state = 0;
    for (int i = from; i < to; i++) {
      byte b = data[i];
      if (state == 0) {
        state = rootNext[b & 0xff];
      } else {
        int next;
        while ((next = child(state, b)) < 0) {
          state = fail[state];
          if (state == 0) {
            next = rootNext[b & 0xff];
            break;
          }
        }
        state = next;
      }
      int out = output[state];
      if (out != 0) {
        int length = out & LENGTH;
        if (length > 0) {
          marks.cover(i + 1 - length - from, i + 1 - from);
        }
        if (out < 0) {
          if (triggers == null) {
            triggers = new int[4];
          } else if (triggerCount == triggers.length) {
            triggers = Arrays.copyOf(triggers, triggerCount * 2);
          }
          triggers[triggerCount++] = i + 1;
        }
        afterCut = (out & CUT) != 0;
      } else if (afterCut) {
        if (isWordByte(b)) {
          marks.cover(i - from, i + 1 - from);
        } else {
          afterCut = false;
        }
      }
    }
    for (int t = 0; t < triggerCount; t++) {
      BasicCredentials.mark(this, data, triggers[t], to, from, marks);
    }
    return marks.any();
  }

  /** An ASCII letter or digit, or a byte of a non-ASCII character. */
  private static boolean isWordByte(byte b) {
    return b < 0 || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9');
  }

  /** Whether any pattern occurs in the bytes. */
  boolean occursIn(byte[] data, int from, int to) {
    return mark(data, from, to, new BitSet());
  }
}
