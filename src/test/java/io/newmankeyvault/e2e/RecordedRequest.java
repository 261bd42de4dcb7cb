package io.newmankeyvault.e2e;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request as the {@link RecordingServer} received it.
 *
 * @param method the HTTP method
 * @param rawPathAndQuery the request target as sent (still percent-encoded)
 * @param headers the headers, names case-insensitive
 * @param body the body bytes
 */
@SuppressWarnings("ArrayRecordComponent") // never compared; a body is not copied
record RecordedRequest(
    String method, String rawPathAndQuery, Map<String, List<String>> headers, byte[] body) {

  RecordedRequest {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
    body = body.clone();
  }

  /** The raw path, without the query. */
  String path() {
    int q = rawPathAndQuery.indexOf('?');
    return q < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0, q);
  }

  /** The raw (percent-encoded) query, or an empty string. */
  String rawQuery() {
    int q = rawPathAndQuery.indexOf('?');
    return q < 0 ? "" : rawPathAndQuery.substring(q + 1);
  }

  /** The URL-decoded values of a query parameter, in order. */
  List<String> queryParameter(String name) {
    List<String> values = new ArrayList<>();
    for (String pair : rawQuery().split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        values.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  /** The values of a header (case-insensitive name), or an empty list. */
  List<String> header(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /** The single value of a header, if it was sent once. */
  Optional<String> singleHeader(String name) {
    List<String> values = header(name);
    return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Everything that was sent, as text: for "this value was never sent" checks. */
  String everything() {
    StringBuilder text = new StringBuilder();
    text.append(method).append(' ').append(rawPathAndQuery).append('\n');
    text.append(URLDecoder.decode(rawPathAndQuery.replace("+", "%2B"), StandardCharsets.UTF_8))
        .append('\n');
    headers.forEach(
        (name, values) ->
            values.forEach(v -> text.append(name).append(": ").append(v).append('\n')));
    text.append(bodyText());
    return text.toString();
  }

  @Override
  public String toString() {
    return method + " " + rawPathAndQuery;
  }
}
