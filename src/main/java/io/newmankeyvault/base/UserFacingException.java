package io.newmankeyvault.base;

/**
 * A failure whose message is written for the user (what failed and what to do) and whose exit code
 * is already decided. Messages name files, variables, secret names and ids; never values.
 */
public class UserFacingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public UserFacingException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public UserFacingException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** A usage error or invalid input (exit 2). */
  public static UserFacingException usage(String message) {
    return new UserFacingException(ExitCode.USAGE, message);
  }
}
