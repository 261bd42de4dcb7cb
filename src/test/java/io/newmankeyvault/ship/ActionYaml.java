package io.newmankeyvault.ship;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A line-based reader for the small subset of YAML that {@code action.yml} uses: two-space
 * indentation, one {@code key: value} per line, values plain or quoted on one line. Enough to check
 * the file's {@code inputs}, {@code outputs} and {@code runs} against the README and the tool;
 * anything outside that subset fails loudly rather than being misread.
 */
final class ActionYaml {
  /**
   * One input or output: its properties ({@code description}, {@code required}, {@code default}).
   */
  record Entry(String name, Map<String, String> properties) {
    String get(String property) {
      return properties.get(property);
    }
  }

  final Map<String, Entry> inputs = new LinkedHashMap<>();
  final Map<String, Entry> outputs = new LinkedHashMap<>();

  /** {@code runs:}'s scalar keys ({@code using}, {@code image}, {@code entrypoint}). */
  final Map<String, String> runs = new LinkedHashMap<>();

  /** {@code runs.env}: variable to value, in file order. */
  final Map<String, String> runsEnv = new LinkedHashMap<>();

  static ActionYaml parse(String text) {
    ActionYaml yaml = new ActionYaml();
    String top = null;
    String second = null;
    Entry entry = null;
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      String stripped = line.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      int indent = line.length() - line.stripLeading().length();
      int colon = stripped.indexOf(':');
      if (colon <= 0 || line.contains("\t")) {
        throw new IllegalArgumentException(
            "action.yml line " + number + " is outside the subset: " + line);
      }
      String key = stripped.substring(0, colon);
      String value = unquote(stripped.substring(colon + 1).strip());
      switch (indent) {
        case 0 -> {
          top = key;
          second = null;
          entry = null;
        }
        case 2 -> {
          second = key;
          entry = null;
          if ("inputs".equals(top) || "outputs".equals(top)) {
            entry = new Entry(key, new LinkedHashMap<>());
            ("inputs".equals(top) ? yaml.inputs : yaml.outputs).put(key, entry);
          } else if ("runs".equals(top) && !value.isEmpty()) {
            yaml.runs.put(key, value);
          }
        }
        case 4 -> {
          if (entry != null) {
            entry.properties().put(key, value);
          } else if ("runs".equals(top) && "env".equals(second)) {
            yaml.runsEnv.put(key, value);
          }
        }
        default ->
            throw new IllegalArgumentException(
                "action.yml line " + number + ": unexpected indentation");
      }
    }
    return yaml;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
      return value.substring(1, value.length() - 1).replace("''", "'");
    }
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      if (value.contains("\\")) {
        throw new IllegalArgumentException(
            "escapes in double-quoted values are outside the subset: " + value);
      }
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  /**
   * The text of every {@code run:} shell script in a workflow or action file: the value on the
   * {@code run:} line plus the lines indented deeper than the key that follow it.
   */
  static List<String> runScripts(String text) {
    List<String> scripts = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String stripped = line.stripLeading();
      String withoutDash =
          stripped.startsWith("- ") ? stripped.substring(2).stripLeading() : stripped;
      if (!withoutDash.startsWith("run:")) {
        continue;
      }
      int keyIndent = line.length() - withoutDash.length();
      StringBuilder script = new StringBuilder(withoutDash.substring(4)).append('\n');
      while (i + 1 < lines.length) {
        String next = lines[i + 1];
        int nextIndent = next.length() - next.stripLeading().length();
        if (!next.isBlank() && nextIndent <= keyIndent) {
          break;
        }
        script.append(next).append('\n');
        i++;
      }
      scripts.add(script.toString());
    }
    return scripts;
  }
}
