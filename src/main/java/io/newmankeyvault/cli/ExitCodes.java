package io.newmankeyvault.cli;

import java.util.LinkedHashMap;
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
          " 0", "Newman ran and every test passed; or a dry run found every reference readable.",
          " 1", "Newman ran and reported failures.",
          " 2", USAGE,
          " 3", POSTMAN,
          " 4", SECRETS,
          " 5", "Newman could not run (not installed, crashed, killed).",
          "70", INTERNAL);

  /** {@code audit}'s codes. */
  static final Map<String, String> AUDIT =
      table(
          " 0", "No finding at or above --fail-on.",
          " 1", "Findings at or above --fail-on.",
          " 2", USAGE,
          " 3", POSTMAN,
          " 4", SECRETS,
          "70", INTERNAL);

  private ExitCodes() {}

  /** Lists the codes at the end of the command's {@code --help}. */
  static void list(CommandLine command, Map<String, String> codes) {
    command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
  }

  private static Map<String, String> table(String... codesAndTexts) {
    Map<String, String> table = new LinkedHashMap<>();
    for (int i = 0; i < codesAndTexts.length; i += 2) {
      table.put(codesAndTexts[i], codesAndTexts[i + 1]);
    }
    return table;
  }
}
