package io.newmankeyvault.audit;

/**
 * A folder or request on the way down a collection, or the document itself at the root. Its name is
 * set when the walker reads it, which may be after the fields that produced hits: locations read it
 * only once the document is done.
 */
final class Scope {
  private final Scope parent;
  private final String rootLabel;
  private final int index;
  private String name;

  private Scope(Scope parent, String rootLabel, int index) {
    this.parent = parent;
    this.rootLabel = rootLabel;
    this.index = index;
  }

  /** The document: locations read {@code collection › ...} or {@code environment NAME › ...}. */
  static Scope root(String label) {
    return new Scope(null, label, 0);
  }

  /** The index-th item of this scope's {@code item} array. */
  Scope child(int index) {
    return new Scope(this, null, index);
  }

  void name(String name) {
    this.name = name;
  }

  /** {@code Users / Create user}, or the root's label; an unnamed item reads {@code #N}. */
  String path() {
    if (parent == null) {
      return rootLabel;
    }
    String own = name == null || name.isBlank() ? "#" + (index + 1) : name;
    return parent.parent == null ? own : parent.path() + " / " + own;
  }
}
