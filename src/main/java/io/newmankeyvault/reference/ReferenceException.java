package io.newmankeyvault.reference;

import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.UserFacingException;

/** A malformed reference or an invalid secret name: input the user must fix (exit 2). */
public final class ReferenceException extends UserFacingException {
  private static final long serialVersionUID = 1L;

  public ReferenceException(String message) {
    super(FailureKind.USAGE, message);
  }
}
