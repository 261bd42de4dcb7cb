package io.newmankeyvault.base;

/**
 * What a {@link UserFacingException} reports, in order of severity; the command layer turns each
 * into its exit code ({@code cli.ExitCodes}), in one place.
 */
public enum FailureKind {
  /** Usage error or invalid input: fix the command line or the files. */
  USAGE,
  /** The Postman API refused or could not be reached. */
  POSTMAN,
  /** Azure sign-in or a secret read failed (also: a secret the secrets file lacks). */
  SECRETS,
  /** Newman could not run: not installed, crashed or killed. */
  NEWMAN,
  /** A bug in this tool (the leak gate's removals included). */
  INTERNAL
}
