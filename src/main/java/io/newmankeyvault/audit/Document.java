package io.newmankeyvault.audit;

/**
 * A collection or environment the audit read.
 *
 * @param kind collection or environment
 * @param name its name as Postman shows it ({@code info.name} or {@code name}), or ""
 * @param id the Postman id it carries ({@code info._postman_id}, {@code id}), else its name: what
 *     fingerprints are keyed on, so that moving or renaming the file keeps them
 * @param uri where it came from, for reports: a path relative to the working directory, or {@code
 *     postman://collections/ID} for a download
 */
public record Document(Kind kind, String name, String id, String uri) {
  /** What kind of Postman document. */
  public enum Kind {
    COLLECTION,
    ENVIRONMENT
  }

  /** How locations start: {@code collection} or {@code environment NAME}. */
  String scopeLabel() {
    return kind == Kind.COLLECTION
        ? "collection"
        : ("environment " + (name.isEmpty() ? id : name)).strip();
  }

  /** How a report heads its findings, e.g. {@code collection users.json (Users API)}. */
  public String title() {
    String label = kind == Kind.COLLECTION ? "collection " : "environment ";
    return label + uri + (name.isEmpty() ? "" : " (" + name + ")");
  }
}
