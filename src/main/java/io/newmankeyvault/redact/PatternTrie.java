package io.newmankeyvault.redact;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The trie under a {@link PatternSet}, built from the patterns in byte order: each pattern shares
 * with the one before it the path of their common prefix, and the children of every node come in
 * label order. Plain arrays, not a map of boxed keys: a value of a megabyte makes millions of
 * nodes. Node 0 is the root; nodes are numbered in creation order.
 *
 * @param nodes how many nodes there are
 * @param parent each node's parent
 * @param label the byte on the edge from its parent
 * @param depth how many bytes from the root it is
 * @param longest the length of the pattern that ends at it, or 0
 * @param triggers the nodes where a trigger ends
 */
@SuppressWarnings("ArrayRecordComponent") // never compared or hashed
record PatternTrie(
    int nodes, int[] parent, byte[] label, int[] depth, int[] longest, BitSet triggers) {

  /** A pattern's bytes, or a trigger's. */
  @SuppressWarnings("ArrayRecordComponent") // never compared or hashed
  record Entry(byte[] bytes, boolean trigger) {}

  /**
   * The trie of entries sorted in unsigned byte order, in at most {@code capacity} nodes; {@code
   * longestEntry} is the length of the longest entry.
   */
  static PatternTrie of(List<Entry> entries, int capacity, int longestEntry) {
    int[] parent = new int[capacity];
    byte[] label = new byte[capacity];
    int[] depth = new int[capacity];
    int[] longest = new int[capacity];
    BitSet triggers = new BitSet();
    int[] path = new int[longestEntry + 1]; // the nodes along the previous pattern
    byte[] previous = new byte[0];
    int nodes = 1;
    for (Entry entry : entries) {
      byte[] bytes = entry.bytes();
      int common = Arrays.mismatch(previous, bytes);
      if (common < 0) {
        common = bytes.length; // the same pattern again
      }
      for (int d = common; d < bytes.length; d++) {
        int node = nodes++;
        parent[node] = path[d];
        label[node] = bytes[d];
        depth[node] = d + 1;
        path[d + 1] = node;
      }
      int end = path[bytes.length];
      if (entry.trigger()) {
        triggers.set(end);
      } else {
        longest[end] = bytes.length;
      }
      previous = bytes;
    }
    return new PatternTrie(nodes, parent, label, depth, longest, triggers);
  }
}
