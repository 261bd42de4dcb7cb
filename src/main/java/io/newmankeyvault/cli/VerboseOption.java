package io.newmankeyvault.cli;

import io.newmankeyvault.redact.LibraryLog;
import io.newmankeyvault.redact.Output;
import java.util.ListResourceBundle;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code --verbose}, the one option every command has (a picocli mixin): what it prints differs by
 * command, so its description is looked up by command name. The execution strategy ({@link
 * #execute}) and the error handler read it from the parse result; no command brackets its work.
 */
final class VerboseOption {
  private static final Map<String, String> DESCRIPTIONS =
      Map.of(
          "run",
          "Prints more: the stack trace with an error, the Azure SDK's log lines (redacted), the"
              + " route each host takes through a proxy, how long the secrets took to read, and"
              + " when Newman started, got its inputs and ended.",
          "audit",
          "Prints more: timings, the stack trace with an error, the Azure SDK's log lines"
              + " (redacted) and the route each host takes through a proxy.",
          "fetch",
          "Prints more: the stack trace with an error and the route each host takes through a"
              + " proxy.");

  @Option(names = "--verbose", descriptionKey = "verbose")
  boolean verbose;

  /** Gives each subcommand of {@code root} its description of {@code --verbose}. */
  static void describe(CommandLine root) {
    root.getSubcommands()
        .forEach(
            (name, command) ->
                command
                    .getCommandSpec()
                    .resourceBundle(
                        new ListResourceBundle() {
                          @Override
                          protected Object[][] getContents() {
                            return new Object[][] {{"verbose", DESCRIPTIONS.get(name)}};
                          }
                        }));
  }

  /** Whether the command that ran was asked to be verbose. */
  static boolean requested(ParseResult parseResult) {
    ParseResult leaf = parseResult;
    while (leaf != null && leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    OptionSpec option = leaf == null ? null : leaf.commandSpec().findOption("--verbose");
    return option != null && Boolean.TRUE.equals(option.getValue());
  }

  /**
   * Runs the command that was named, with the libraries' log lines (the Azure SDK's, MSAL's) sent
   * redacted to stderr when it is verbose, and dropped otherwise.
   */
  static int execute(ParseResult parseResult, Output output) {
    LibraryLog.sendTo(requested(parseResult) ? output::libraryLog : null);
    try {
      return new CommandLine.RunLast().execute(parseResult);
    } finally {
      LibraryLog.sendTo(null);
    }
  }
}
