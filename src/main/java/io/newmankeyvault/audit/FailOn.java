package io.newmankeyvault.audit;

/** The {@code --fail-on} threshold: findings at or above it make the audit exit 1. */
public enum FailOn {
  none(null),
  low(Severity.LOW),
  medium(Severity.MEDIUM),
  high(Severity.HIGH);

  private final Severity least;

  FailOn(Severity least) {
    this.least = least;
  }

  /** Whether a finding of this severity fails the audit. */
  public boolean fails(Severity severity) {
    return least != null && severity.compareTo(least) >= 0;
  }
}
