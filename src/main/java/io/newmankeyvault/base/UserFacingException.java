package io.newmankeyvault.base;

/**
 * A failure whose message is written for the user (what failed and what to do), of a {@link
 * FailureKind} that decides its exit code at the edge. Messages name files, variables, secret names
 * and ids; never values.
 */
public class UserFacingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;

  public UserFacingException(FailureKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public UserFacingException(FailureKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public FailureKind kind() {
    return kind;
  }

  /** A usage error or invalid input. */
  public static UserFacingException usage(String message) {
    return new UserFacingException(FailureKind.USAGE, message);
  }

  /** The private directory could not take the run's files (exit 2): the message names no path. */
  public static UserFacingException cannotPrepare(java.io.IOException e) {
    return usage(
        "cannot prepare the run ("
            + e.getClass().getSimpleName()
            + "): check that the temporary directory is writable");
  }
}
