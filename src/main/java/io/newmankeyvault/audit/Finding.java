package io.newmankeyvault.audit;

/**
 * One credential in clear: which rule, how sure, where, and a fingerprint. Never the value, a piece
 * of it or its length: a finding is safe to print, upload and keep.
 *
 * @param rule what was found
 * @param severity how sure the audit is: see {@link Severity}
 * @param document the collection or environment it is in
 * @param location where in it, e.g. {@code Users / Create user › request.header[Authorization]}
 * @param line the line of the JSON file where it is (or where its enclosing value starts); 1 when
 *     unknown
 * @param fingerprint a stable id that tells nothing about the value to whoever lacks the
 *     fingerprint key: see {@link Fingerprints}
 */
public record Finding(
    Rule rule,
    Severity severity,
    Document document,
    String location,
    int line,
    String fingerprint) {}
