package io.newmankeyvault.cli;

import io.newmankeyvault.cli.DocExamplesTest.Example;
import io.newmankeyvault.redact.Output;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Finds the tool's command lines in documentation: in Markdown, inside fenced blocks (any language,
 * so YAML steps too); in other text, on every line. Continuation lines ending in {@code \} are
 * joined, words split as a shell splits them (quotes, no expansion), and the tool's arguments are
 * what follows {@code newman-keyvault} or {@code newman-keyvault.jar} and a subcommand, up to a
 * comment or a shell operator.
 */
final class DocExamples {
  private static final Set<String> SUBCOMMANDS = Set.of("run", "audit", "fetch");
  private static final Set<String> OPERATORS = Set.of("|", "||", "&&", ";", ">", ">>", "2>", "&");

  private DocExamples() {}

  /** The tool's command line as it parses and prints help, with an empty environment. */
  static CommandLine commandLine() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Output output = new Output(sink, sink, value -> List.of());
    Services services = Services.production();
    Map<String, String> environment = Map.of();
    return Cli.commandLine(
        output,
        environment,
        new RunCommand(output, environment, services),
        new AuditCommand(output, environment, services),
        new FetchCommand(output, environment, services));
  }

  static List<Example> commandLines(String where, String text) {
    boolean markdown = where.endsWith(".md");
    List<Example> examples = new ArrayList<>();
    boolean inFence = false;
    StringBuilder logical = new StringBuilder();
    int number = 0;
    int start = 0;
    for (String line : text.replace('\u00a0', ' ').lines().toList()) {
      number++;
      if (markdown && line.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (markdown && !inFence) {
        continue;
      }
      if (logical.length() == 0) {
        start = number;
      }
      String stripped = line.strip();
      if (stripped.endsWith("\\")) {
        logical.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      logical.append(stripped);
      List<String> args = toolArguments(words(logical.toString()));
      // A synopsis ("run [options]") shows a form, not a command line.
      if (args != null && args.stream().noneMatch(arg -> arg.startsWith("["))) {
        examples.add(new Example(where + ":" + start, args));
      }
      logical.setLength(0);
    }
    return examples;
  }

  /** The arguments after the tool and its subcommand, or null when the line does not run it. */
  private static List<String> toolArguments(List<String> words) {
    for (int i = 0; i + 1 < words.size(); i++) {
      String word = words.get(i);
      boolean tool =
          word.equals("newman-keyvault")
              || word.endsWith("/newman-keyvault")
              || word.endsWith("newman-keyvault.jar");
      if (tool && SUBCOMMANDS.contains(words.get(i + 1))) {
        List<String> args = new ArrayList<>();
        for (String arg : words.subList(i + 1, words.size())) {
          if (OPERATORS.contains(arg) || arg.startsWith("#")) {
            break;
          }
          args.add(arg);
        }
        return args;
      }
    }
    return null;
  }

  /** Words as a POSIX shell splits them, quotes removed, nothing expanded. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
