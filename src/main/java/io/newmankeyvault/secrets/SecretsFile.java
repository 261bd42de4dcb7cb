package io.newmankeyvault.secrets;

import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.reference.SecretId;
import io.newmankeyvault.reference.SecretNames;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A local stand-in for Key Vault behind {@code --secrets-file}: each {@code SECRET-NAME=value} line
 * answers references to that secret name in any vault and at any version. Values are taken to the
 * end of the line as they are, or double-quoted with {@code \n}, {@code \r}, {@code \t}, {@code \"}
 * and {@code \\} escapes for multi-line secrets. Blank lines and lines starting with {@code #} are
 * skipped; a CRLF line ending is a line ending, not part of the value. Immutable.
 */
public final class SecretsFile implements SecretSource {
  private final String description;
  private final Map<String, String> values;

  private SecretsFile(String description, Map<String, String> values) {
    this.description = description;
    this.values = values;
  }

  /** A source with no secrets, for runs whose plan needs none. */
  public static SecretsFile none() {
    return new SecretsFile("no secret source (no references found)", Map.of());
  }

  /** Reads and parses the file; errors name the line number, never the line. */
  public static SecretsFile load(Path path) {
    String label = "secrets file " + path;
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
              .toString();
    } catch (NoSuchFileException e) {
      throw UserFacingException.usage("cannot read " + label + ": no such file");
    } catch (CharacterCodingException e) {
      throw UserFacingException.usage(label + " is not UTF-8 text: save it as UTF-8");
    } catch (IOException e) {
      throw UserFacingException.usage("cannot read " + label + ": " + e.getClass().getSimpleName());
    }
    return new SecretsFile(label, parse(text, label));
  }

  /**
   * Parses secrets-file text; {@code label} names the file in errors, which list every bad line by
   * its number and problem, never its text.
   */
  static Map<String, String> parse(String text, String label) {
    Map<String, String> values = new HashMap<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      try {
        parseLine(line, values);
      } catch (BadLine e) {
        problems.add("line " + (i + 1) + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw UserFacingException.usage(label + ", " + String.join("; ", problems));
    }
    return values;
  }

  private static void parseLine(String line, Map<String, String> values) {
    int eq = line.indexOf('=');
    if (eq <= 0) {
      throw new BadLine("expected SECRET-NAME=value");
    }
    String name = line.substring(0, eq).strip();
    if (!SecretNames.isValidName(name)) {
      throw new BadLine(
          "the name before '=' is not a valid Key Vault secret name (1 to 127 letters, digits"
              + " and '-')");
    }
    String raw = line.substring(eq + 1);
    String value = raw.startsWith("\"") ? unquote(raw) : raw;
    // Key Vault secret names are case-insensitive, and so is this stand-in.
    if (values.put(name.toLowerCase(Locale.ROOT), value) != null) {
      throw new BadLine("secret '" + name + "' is defined twice");
    }
  }

  private static String unquote(String raw) {
    StringBuilder value = new StringBuilder(raw.length());
    int i = 1;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '"') {
        if (!raw.substring(i + 1).isBlank()) {
          throw new BadLine("text after the closing quote");
        }
        return value.toString();
      }
      if (c == '\\') {
        if (i + 1 >= raw.length()) {
          break;
        }
        char escaped = raw.charAt(i + 1);
        switch (escaped) {
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case '"' -> value.append('"');
          case '\\' -> value.append('\\');
          default ->
              throw new BadLine("unknown escape in a quoted value (use \\n \\r \\t \\\" \\\\)");
        }
        i += 2;
      } else {
        value.append(c);
        i++;
      }
    }
    throw new BadLine("the quoted value has no closing quote");
  }

  /** A line's problem, in words that never quote the line. */
  private static final class BadLine extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadLine(String problem) {
      super(problem, null, false, false);
    }
  }

  @Override
  public Map<SecretId, SecretLookup> readAll(Set<SecretId> ids) {
    Map<SecretId, SecretLookup> answers = new LinkedHashMap<>();
    for (SecretId id : ids) {
      String value = values.get(id.name().toLowerCase(Locale.ROOT));
      answers.put(
          id,
          value == null
              ? new SecretLookup.Failed("not found in " + description)
              : new SecretLookup.Found(value, null, null));
    }
    return answers;
  }

  @Override
  public String description() {
    return description;
  }
}
