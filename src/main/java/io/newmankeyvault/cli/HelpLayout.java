package io.newmankeyvault.cli;

import io.newmankeyvault.base.TextWrap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * Wraps {@code --help} at spaces only. picocli wraps with a line {@link java.text.BreakIterator},
 * which breaks inside URLs, references and option values ({@code https://api.eu.} / {@code
 * postman.com}); here picocli lays the help out on one long line per entry and each line is wrapped
 * to the terminal's width at spaces, continuation lines hanging under the description. A word
 * longer than the room left stays whole on a line of its own.
 */
final class HelpLayout {
  /** What picocli gets: wide enough never to wrap an entry itself. */
  private static final int UNWRAPPED = 1000;

  /** An option or exit-code line: the name column, two or more spaces, the description. */
  private static final Pattern ENTRY = Pattern.compile("^(\\s+\\S.*?\\s{2,})(\\S.*)$");

  private HelpLayout() {}

  /** The width help is wrapped to: {@code COLUMNS} when it is a number from 60 to 200, else 80. */
  static int width(Map<String, String> environment) {
    try {
      int columns = Integer.parseInt(environment.getOrDefault("COLUMNS", "").strip());
      return columns >= 60 && columns <= 200 ? columns : 80;
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  /** Makes {@code command} and its subcommands print help wrapped to {@code width} at spaces. */
  static void apply(CommandLine command, int width) {
    command.setUsageHelpWidth(UNWRAPPED);
    for (CommandLine each : command.getSubcommands().values()) {
      apply(each, width);
    }
    Map<String, IHelpSectionRenderer> sections = command.getHelpSectionMap();
    String heading = command.getCommandSpec().usageMessage().synopsisHeading();
    sections.replaceAll(
        (key, renderer) ->
            help -> {
              String text = renderer.render(help);
              return switch (key) {
                case CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS ->
                    wrap(text, width, heading.replace("%n", "").length(), false);
                case CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                    CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST ->
                    wrap(text, width, 0, true);
                default -> wrap(text, width, 0, false);
              };
            });
  }

  /** Each line of {@code text} wrapped to {@code width} at spaces (see {@link #apply}). */
  static String wrap(String text, int width) {
    return wrap(text, width, 0, false);
  }

  /**
   * @param offset columns already used on the first line (the synopsis follows "Usage: ")
   * @param options whether the lines are option entries, whose descriptions hang two columns in
   */
  private static String wrap(String text, int width, int offset, boolean options) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      wrapLine(lines[i], width, i == 0 ? offset : 0, options, out);
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    // A no-break space in a description keeps an example together; it prints as a space.
    return out.toString().replace('\u00a0', ' ');
  }

  private static void wrapLine(
      String line, int width, int offset, boolean options, StringBuilder out) {
    if (offset + line.length() <= width) {
      out.append(line);
      return;
    }
    String text = line.stripTrailing();
    String prefix;
    int indent;
    Matcher entry = ENTRY.matcher(text);
    if (offset > 0 && text.indexOf(" [") > 0) {
      prefix = text.substring(0, text.indexOf(" [") + 1); // the command's name
      indent = offset + prefix.length();
    } else if (entry.matches() && entry.group(1).length() <= width / 2) {
      prefix = entry.group(1);
      indent = prefix.length() + (options ? 2 : 0);
    } else {
      prefix = text.substring(0, text.length() - text.stripLeading().length());
      indent = prefix.length() + (options && !prefix.isEmpty() ? 2 : 0);
    }
    out.append(
        TextWrap.wrap(
            text.substring(prefix.length()), width - offset, width, prefix, " ".repeat(indent)));
  }
}
