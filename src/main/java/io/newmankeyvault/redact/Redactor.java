package io.newmankeyvault.redact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Replaces every form of every protected value in text with {@code ***}, in one pass over the text
 * whatever the number of values (an Aho–Corasick automaton, {@link PatternSet}, which also masks
 * the visible start of a value a library cut, and Basic credentials that hold a value). Where forms
 * overlap, their union is masked. Thread-safe; picks up values added to the {@link ProtectedValues}
 * after it was made.
 */
public final class Redactor {
  public static final String MASK = "***";

  private static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.UTF_8);

  private final ProtectedValues values;
  private volatile Compiled compiled = new Compiled(-1, PatternSet.of(List.of()));

  public Redactor(ProtectedValues values) {
    this.values = values;
  }

  /** The text with every protected form replaced. */
  public String redact(String text) {
    PatternSet patterns = patterns();
    if (patterns.isEmpty() || text.isEmpty()) {
      return text;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] redacted = redact(bytes, patterns);
    return redacted == bytes ? text : new String(redacted, StandardCharsets.UTF_8);
  }

  /** The bytes with every protected form replaced; the same array when nothing matched. */
  public byte[] redact(byte[] bytes) {
    return redact(bytes, patterns());
  }

  private static byte[] redact(byte[] bytes, PatternSet patterns) {
    BitSet masked = new BitSet();
    if (!patterns.mark(bytes, 0, bytes.length, masked)) {
      return bytes;
    }
    return apply(bytes, masked);
  }

  /** The bytes with each run of masked positions replaced by one {@code ***}. */
  private static byte[] apply(byte[] bytes, BitSet masked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    int position = 0;
    for (int start = masked.nextSetBit(0); start >= 0; start = masked.nextSetBit(position)) {
      out.write(bytes, position, start - position);
      out.write(MASK_BYTES, 0, MASK_BYTES.length);
      position = masked.nextClearBit(start);
    }
    out.write(bytes, position, bytes.length - position);
    return out.toByteArray();
  }

  /**
   * Redacts pieces of one text that a printer wrapped onto several lines: a form split between two
   * pieces is masked in both. Each piece gets its own {@code ***} for its masked runs.
   */
  public List<byte[]> redactWrapped(List<byte[]> pieces) {
    PatternSet patterns = patterns();
    int total = 0;
    for (byte[] piece : pieces) {
      total += piece.length;
    }
    byte[] joined = new byte[total];
    int at = 0;
    for (byte[] piece : pieces) {
      System.arraycopy(piece, 0, joined, at, piece.length);
      at += piece.length;
    }
    BitSet masked = new BitSet();
    if (!patterns.mark(joined, 0, joined.length, masked)) {
      return pieces;
    }
    List<byte[]> redacted = new ArrayList<>(pieces.size());
    int offset = 0;
    for (byte[] piece : pieces) {
      BitSet own = masked.get(offset, offset + piece.length);
      redacted.add(own.isEmpty() ? piece : apply(piece, own));
      offset += piece.length;
    }
    return redacted;
  }

  /** Whether the text holds any protected form. */
  public boolean containsProtected(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return patterns().occursIn(bytes, 0, bytes.length);
  }

  /** Whether the bytes hold any protected form. */
  public boolean containsProtected(byte[] bytes) {
    return patterns().occursIn(bytes, 0, bytes.length);
  }

  private PatternSet patterns() {
    long generation = values.generation();
    Compiled current = compiled;
    if (current.generation != generation) {
      current = new Compiled(generation, PatternSet.of(values.forms()));
      compiled = current;
    }
    return current.patterns;
  }

  private record Compiled(long generation, PatternSet patterns) {}
}
