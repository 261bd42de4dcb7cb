package io.newmankeyvault.base;

/**
 * The process exit codes, one per kind of outcome, so a pipeline can tell a failing test from a
 * broken setup without reading the log. The table is part of the user contract (the README's exit
 * codes; docs/DESIGN.md says where codes are decided).
 */
public final class ExitCode {
  /** Newman ran and every test passed, or a dry run found every reference readable. */
  public static final int OK = 0;

  /** Newman ran and reported failures: the API under test is wrong, not the setup. */
  public static final int TESTS_FAILED = 1;

  /** Usage error or invalid input: fix the command line or the files. */
  public static final int USAGE = 2;

  /** The Postman API refused or could not be reached. */
  public static final int POSTMAN = 3;

  /** Azure sign-in or a secret read failed (also: a secret the secrets file lacks). */
  public static final int SECRETS = 4;

  /** Newman could not run: not installed, crashed or killed. */
  public static final int NEWMAN = 5;

  /** A bug in this tool; 70 is EX_SOFTWARE from sysexits.h. */
  public static final int INTERNAL = 70;

  private ExitCode() {}
}
