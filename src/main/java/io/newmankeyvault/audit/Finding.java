package io.newmankeyvault.audit;

/**
 * One credential in clear: which rule, how sure, where, and a fingerprint. Never the value, a piece
 * of it or its length: a finding is safe to print, upload and keep.
 *
 * @param rule what was found
 * @param severity how sure the audit is: see {@link Severity}
 * @param document the collection or environment it is in
 * @param location where in it, e.g. {@code Users / Create user › request.header[Authorization]}
 * @param line the line of the file where it is (or where its enclosing value starts); 1 when
 *     unknown
 * @param file for a v3 collection folder, the YAML file it is in, relative to the folder ({@code
 *     Users/Create user.request.yaml}); null when the document is one file
 * @param fingerprint a stable id that tells nothing about the value to whoever lacks the
 *     fingerprint key: see {@link Fingerprints}
 */
public record Finding(
    Rule rule,
    Severity severity,
    Document document,
    String location,
    int line,
    String fingerprint,
    String file) {
  /** A finding in a document that is one file. */
  public Finding(
      Rule rule,
      Severity severity,
      Document document,
      String location,
      int line,
      String fingerprint) {
    this(rule, severity, document, location, line, fingerprint, null);
  }

  /**
   * The file as a URI reference: the document's own, or for a v3 collection folder the folder's
   * followed by the YAML file's path ({@code
   * postman/collections/Users%20API/Users/Create%20user.request.yaml}).
   */
  public String uri() {
    if (file == null) {
      return document.uri();
    }
    String folder = document.uri().endsWith("/") ? document.uri() : document.uri() + "/";
    try {
      return folder + new java.net.URI(null, null, file, null).toASCIIString();
    } catch (java.net.URISyntaxException e) {
      return folder + file;
    }
  }

  /** Where it is for a reader: {@code 12}, or {@code Users/Create user.request.yaml:12}. */
  public String place() {
    return file == null ? String.valueOf(line) : file + ":" + line;
  }
}
