package io.newmankeyvault.cli;

import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.FailureKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/** The exit code tables that {@code --help} lists, one per command, in one place. */
final class ExitCodes {
  private static final String USAGE =
      "Usage error or invalid input (options, unreadable or malformed files, bad references).";
  private static final String POSTMAN =
      "Postman API error (authentication, not found, rate limit, network).";
  private static final String SECRETS =
      "A secret could not be read (sign-in failed, missing, forbidden, disabled, unreachable).";
  private static final String INTERNAL = "Internal error: a bug in newman-keyvault.";

  /** {@code run}'s codes (also listed by the top-level command). */
  static final Map<String, String> RUN =
      table(
          entry(
              ExitCode.OK,
              "Newman ran and every test passed; or a dry run found every reference readable."),
          entry(ExitCode.TESTS_FAILED, "Newman ran and reported failures."),
          entry(ExitCode.USAGE, USAGE),
          entry(ExitCode.POSTMAN, POSTMAN),
          entry(ExitCode.SECRETS, SECRETS),
          entry(ExitCode.NEWMAN, "Newman could not run (not installed, crashed, killed)."),
          entry(
              ExitCode.INTERNAL,
              "Internal error: a bug in newman-keyvault, or the leak gate (a report that still"
                  + " held a secret was removed instead of published)."));

  /** {@code audit}'s codes: 1 means findings; 70 includes the leak gate's. */
  static final Map<String, String> AUDIT =
      table(
          entry(ExitCode.OK, "No finding at or above --fail-on."),
          entry(ExitCode.TESTS_FAILED, "Findings at or above --fail-on."),
          entry(ExitCode.USAGE, USAGE),
          entry(ExitCode.POSTMAN, POSTMAN),
          entry(ExitCode.SECRETS, SECRETS),
          entry(ExitCode.INTERNAL, INTERNAL));

  /** {@code fetch}'s codes: 1 means refused for credentials in clear. */
  static final Map<String, String> FETCH =
      table(
          entry(ExitCode.OK, "The documents were written."),
          entry(
              ExitCode.TESTS_FAILED,
              "Not written: the documents hold credentials in clear (see --allow-findings)."),
          entry(ExitCode.USAGE, USAGE),
          entry(ExitCode.POSTMAN, POSTMAN),
          entry(ExitCode.INTERNAL, INTERNAL));

  private ExitCodes() {}

  /** The exit code of a failure: the one place a kind of failure becomes a number. */
  static int of(FailureKind kind) {
    return switch (kind) {
      case USAGE -> ExitCode.USAGE;
      case POSTMAN -> ExitCode.POSTMAN;
      case SECRETS -> ExitCode.SECRETS;
      case NEWMAN -> ExitCode.NEWMAN;
      case INTERNAL -> ExitCode.INTERNAL;
    };
  }

  /** Lists the codes at the end of the command's {@code --help}. */
  static void list(CommandLine command, Map<String, String> codes) {
    command
        .getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(codes);
  }

  private static Map.Entry<String, String> entry(int code, String text) {
    return Map.entry(String.format(Locale.ROOT, "%2d", code), text);
  }

  @SafeVarargs
  private static Map<String, String> table(Map.Entry<String, String>... entries) {
    Map<String, String> table = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : entries) {
      table.put(entry.getKey(), entry.getValue());
    }
    return table;
  }
}
