package io.newmankeyvault.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho–Corasick automaton over the UTF-8 bytes of many patterns: one pass over a text finds every
 * occurrence of every pattern, however many there are. Immutable and thread-safe.
 *
 * <p>The root has a full 256-entry table (most bytes of ordinary text leave it at once); deeper
 * nodes keep their few children in sorted arrays. Each node knows the length of the longest pattern
 * that ends there (through its suffix links), which is all masking needs: the union of the longest
 * matches ending at each position covers every match.
 */
final class PatternSet {
  private static final PatternSet EMPTY =
      new PatternSet(new int[256], new int[2], new int[1], new int[1], new byte[0], new int[0], 0);

  private final int[] rootNext;
  private final int[] edgeStart; // node -> first edge index; edgeStart[node + 1] ends it
  private final int[] fail;
  private final int[] longestOutput;
  private final byte[] edgeLabel;
  private final int[] edgeTarget;
  private final int maxLength;

  private PatternSet(
      int[] rootNext,
      int[] edgeStart,
      int[] fail,
      int[] longestOutput,
      byte[] edgeLabel,
      int[] edgeTarget,
      int maxLength) {
    this.rootNext = rootNext;
    this.edgeStart = edgeStart;
    this.fail = fail;
    this.longestOutput = longestOutput;
    this.edgeLabel = edgeLabel;
    this.edgeTarget = edgeTarget;
    this.maxLength = maxLength;
  }

  /** The automaton for these patterns; empty strings are ignored. */
  static PatternSet of(Collection<String> patterns) {
    List<byte[]> encoded = new ArrayList<>();
    for (String pattern : patterns) {
      if (!pattern.isEmpty()) {
        encoded.add(pattern.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (encoded.isEmpty()) {
      return EMPTY;
    }
    // Build the trie with a hash map of (node, byte) -> child, then pack it.
    Map<Long, Integer> children = new HashMap<>();
    List<Integer> terminalLength = new ArrayList<>();
    terminalLength.add(0);
    int maxLength = 0;
    for (byte[] pattern : encoded) {
      int node = 0;
      for (byte b : pattern) {
        long key = ((long) node << 8) | (b & 0xff);
        Integer child = children.get(key);
        if (child == null) {
          child = terminalLength.size();
          terminalLength.add(0);
          children.put(key, child);
        }
        node = child;
      }
      terminalLength.set(node, Math.max(terminalLength.get(node), pattern.length));
      maxLength = Math.max(maxLength, pattern.length);
    }
    int nodes = terminalLength.size();
    int[] childCount = new int[nodes + 1];
    for (long key : children.keySet()) {
      childCount[(int) (key >>> 8)]++;
    }
    int[] edgeStart = new int[nodes + 1];
    for (int node = 0; node < nodes; node++) {
      edgeStart[node + 1] = edgeStart[node] + childCount[node];
    }
    byte[] edgeLabel = new byte[children.size()];
    int[] edgeTarget = new int[children.size()];
    int[] fill = Arrays.copyOf(edgeStart, nodes);
    long[] keys = children.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    for (long key : keys) {
      int node = (int) (key >>> 8);
      int slot = fill[node]++;
      edgeLabel[slot] = (byte) key;
      edgeTarget[slot] = children.get(key);
    }
    int[] rootNext = new int[256];
    for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
      rootNext[edgeLabel[e] & 0xff] = edgeTarget[e];
    }
    int[] fail = new int[nodes];
    int[] longest = new int[nodes];
    for (int node = 0; node < nodes; node++) {
      longest[node] = terminalLength.get(node);
    }
    PatternSet partial =
        new PatternSet(rootNext, edgeStart, fail, longest, edgeLabel, edgeTarget, maxLength);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
      queue.add(edgeTarget[e]);
    }
    while (!queue.isEmpty()) {
      int node = queue.poll();
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
        queue.add(child);
      }
    }
    return new PatternSet(rootNext, edgeStart, fail, longest, edgeLabel, edgeTarget, maxLength);
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
   * belongs to an occurrence of a pattern. Returns whether anything matched.
   */
  boolean mark(byte[] data, int from, int to, BitSet masked) {
    if (maxLength == 0) {
      return false;
    }
    boolean found = false;
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
      int length = longestOutput[state];
      if (length > 0) {
        masked.set(i + 1 - length - from, i + 1 - from);
        found = true;
      }
    }
    return found;
  }

  /** Whether any pattern occurs in the bytes. */
  boolean occursIn(byte[] data, int from, int to) {
    return mark(data, from, to, new BitSet());
  }
}
