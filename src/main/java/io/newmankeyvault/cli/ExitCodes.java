package io.newmankeyvault.cli;

/** The exit code table as {@code --help} lists it (picocli's "code:text" form). */
final class ExitCodes {
  static final String OK = " 0:Newman ran and every test passed; or a dry run found every reference readable.";
  static final String TESTS_FAILED = " 1:Newman ran and reported failures.";
  static final String USAGE =
      " 2:Usage error or invalid input (options, unreadable or malformed files, bad references).";
  static final String POSTMAN = " 3:Postman API error (authentication, not found, rate limit, network).";
  static final String SECRETS =
      " 4:A secret could not be read (sign-in failed, missing, forbidden, disabled, unreachable).";
  static final String NEWMAN = " 5:Newman could not run (not installed, crashed, killed).";
  static final String INTERNAL = "70:Internal error: a bug in newman-keyvault.";

  private ExitCodes() {}
}
