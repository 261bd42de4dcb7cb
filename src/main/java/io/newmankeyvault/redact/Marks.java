package io.newmankeyvault.redact;

import java.util.BitSet;

/**
 * The bytes of one text masked so far, and the last run of them: a match that extends that run sets
 * only its new bits, so masking a long value (or a long cut of one, a byte longer at each step)
 * costs no more than its length. For one pass over one text; not thread-safe.
 */
final class Marks {
  private final BitSet masked;
  private int runFrom;
  private int runTo = -1;
  private boolean any;

  Marks(BitSet masked) {
    this.masked = masked;
  }

  /** Masks bytes {@code [start, end)}. */
  void cover(int start, int end) {
    any = true;
    if (start > runTo) {
      masked.set(start, end);
      runFrom = start;
      runTo = end;
      return;
    }
    if (start < runFrom) {
      masked.set(start, runFrom);
      runFrom = start;
    }
    if (end > runTo) {
      masked.set(runTo, end);
      runTo = end;
    }
  }

  /** Whether anything was masked. */
  boolean any() {
    return any;
  }
}
