package io.newmankeyvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Searches for canaries the way an attacker reading the outputs would: every 16-character window of
 * every line of every canary, raw and in the encodings Newman and its reports use (JSON and console
 * escaping, URL encodings, HTML escaping, base64), in text and in the Buffer byte arrays of
 * Newman's JSON report.
 */
final class LeakSearch {
  static final int WINDOW = 16;

  private final Set<String> pieces;

  private LeakSearch(Set<String> pieces) {
    this.pieces = pieces;
  }

  /** A search for these canaries. */
  static LeakSearch of(List<String> canaries) {
    Set<String> pieces = new LinkedHashSet<>();
    for (String canary : canaries) {
      List<String> forms = new ArrayList<>();
      for (String line : canary.split("\n")) {
        forms.add(line);
        forms.add(line.toLowerCase(java.util.Locale.ROOT)); // host names lose their case
        forms.add(line.replace("\\", "\\\\").replace("\"", "\\\""));
        forms.add(URLEncoder.encode(line, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(line, StandardCharsets.UTF_8).replace("+", "%20"));
        forms.add(line.replace("&", "&amp;").replace("\"", "&quot;"));
      }
      forms.add(Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8)));
      for (String form : forms) {
        for (int i = 0; i + WINDOW <= form.length(); i++) {
          String piece = form.substring(i, i + WINDOW);
          if (!piece.contains("-----") && !piece.isBlank()) {
            pieces.add(piece);
          }
        }
      }
    }
    return new LeakSearch(pieces);
  }

  /** No piece of a canary in {@code text}. */
  void assertNone(String where, String text) {
    for (String piece : pieces) {
      assertThat(text).as("%s must not contain '%s'", where, piece).doesNotContain(piece);
    }
  }

  /** No piece of a canary in any regular file under {@code directory}, but those skipped. */
  void assertNoneUnder(Path directory, Set<Path> skipped) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (!skipped.contains(file)) {
          assertNoneIn(file, Files.readAllBytes(file));
        }
      }
    }
  }

  /** No piece of a canary in the bytes of {@code file}, as text, bytes or decoded Buffers. */
  void assertNoneIn(Path file, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertNone(file.toString(), text + decodedBuffers(text));
    assertNone(file + " (bytes)", new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /** The bytes of a JSON report's bodies ({@code "data":[67,65,...]}), as text. */
  static String decodedBuffers(String text) {
    Matcher matcher = Pattern.compile("\"data\"\\s*:\\s*\\[([0-9,\\s]+)\\]").matcher(text);
    StringBuilder decoded = new StringBuilder();
    while (matcher.find()) {
      String[] numbers = matcher.group(1).split(",");
      byte[] bytes = new byte[numbers.length];
      for (int i = 0; i < numbers.length; i++) {
        bytes[i] = (byte) Integer.parseInt(numbers[i].strip());
      }
      decoded.append('\n').append(new String(bytes, StandardCharsets.UTF_8));
    }
    return decoded.toString();
  }

  /**
   * The secrets of a secrets file by name, unquoted the way the tool reads them (a reader of the
   * tests' own, so that a bug in the tool's cannot hide a canary).
   */
  static Map<String, String> secretsFile(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String value = line.substring(line.indexOf('=') + 1);
      if (value.startsWith("\"")) {
        StringBuilder unquoted = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
          char c = value.charAt(i);
          if (c == '\\') {
            char next = value.charAt(++i);
            unquoted.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
          } else {
            unquoted.append(c);
          }
        }
        value = unquoted.toString();
      }
      values.put(line.substring(0, line.indexOf('=')), value);
    }
    return values;
  }

  /** The values of a secrets file, in order. */
  static List<String> secretsFileValues(Path file) throws IOException {
    return new ArrayList<>(secretsFile(file).values());
  }

  /** What a run printed, but the CI masking commands: the only lines allowed to hold a value. */
  static String withoutMaskCommands(Jar.Result result) {
    StringBuilder output = new StringBuilder();
    for (String line : result.output().split("\n", -1)) {
      if (!line.startsWith("::add-mask::") && !line.startsWith("##vso[task.setsecret]")) {
        output.append(line).append('\n');
      }
    }
    return output.toString();
  }
}
