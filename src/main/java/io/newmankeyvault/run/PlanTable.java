package io.newmankeyvault.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A dry run's table within the terminal's width: aligned columns when they fit, otherwise one block
 * per row, a label per column, long values broken over lines. Nothing is cut.
 */
final class PlanTable {
  /** The width when {@code COLUMNS} is unset or unusable, as terminals start. */
  static final int DEFAULT_WIDTH = 80;

  /** Narrower than this, a stacked block could not hold a label and some value. */
  private static final int MIN_WIDTH = 40;

  private static final String INDENT = "  ";

  private PlanTable() {}

  /** The width to fit: {@code COLUMNS} (set by shells and CI runners alike) or 80. */
  static int width(Map<String, String> environment) {
    String columns = environment.get("COLUMNS");
    try {
      return columns == null
          ? DEFAULT_WIDTH
          : Math.max(MIN_WIDTH, Integer.parseInt(columns.strip()));
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  /**
   * The rows, the first being the headers, as text of lines at most {@code width} wide.
   *
   * @param width the terminal's width, at least 40
   */
  static String render(List<String[]> rows, int width) {
    String aligned = aligned(rows);
    return aligned.lines().allMatch(line -> line.length() <= width)
        ? aligned
        : stacked(rows, Math.max(MIN_WIDTH, width));
  }

  private static String aligned(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(i < columns - 1 ? pad(row[i], widths[i] + 2) : row[i]);
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  /**
   * Each row as a block: its first cell alone, then "label value" lines; blocks apart by a blank
   * line.
   */
  private static String stacked(List<String[]> rows, int width) {
    String[] headers = rows.get(0);
    int labelWidth = 0;
    for (int i = 1; i < headers.length; i++) {
      labelWidth = Math.max(labelWidth, headers[i].length());
    }
    String valueIndent = " ".repeat(INDENT.length() + labelWidth + 2);
    StringBuilder text = new StringBuilder();
    for (int r = 1; r < rows.size(); r++) {
      String[] row = rows.get(r);
      if (r > 1) {
        text.append('\n');
      }
      for (String line : wrap(row[0], width)) {
        text.append(line).append('\n');
      }
      for (int i = 1; i < row.length; i++) {
        List<String> lines = wrap(row[i], width - valueIndent.length());
        String label = INDENT + pad(headers[i].toLowerCase(java.util.Locale.ROOT), labelWidth + 2);
        for (int l = 0; l < lines.size(); l++) {
          text.append(l == 0 ? label : valueIndent).append(lines.get(l)).append('\n');
        }
      }
    }
    return text.toString();
  }

  /** A line of prose within {@code width}, continued on lines indented by two spaces. */
  static String paragraph(String text, int width) {
    return String.join("\n" + INDENT, wrap(text, Math.max(MIN_WIDTH, width) - INDENT.length()))
        + "\n";
  }

  /** Lines of at most {@code width}, broken at spaces, and inside a word only when it is longer. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split(" +")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      while (line.length() + word.length() > width) {
        int room = width - line.length();
        int cut = breakBefore(word, room);
        lines.add(line.append(word, 0, cut).toString());
        line.setLength(0);
        word = word.substring(cut);
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  /**
   * Where to break a word too long for {@code room}: after the last separator of a URL or a
   * reference that fits ({@code / ; , = & ?}), else at the room's end.
   */
  private static int breakBefore(String word, int room) {
    for (int i = room; i > room / 2; i--) {
      if ("/;,=&?".indexOf(word.charAt(i - 1)) >= 0) {
        return i;
      }
    }
    return room;
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
  }
}
