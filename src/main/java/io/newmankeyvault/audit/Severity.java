package io.newmankeyvault.audit;

import java.util.Locale;

/** How sure the audit is that a finding is a real credential in clear, lowest first. */
public enum Severity {
  LOW("note"),
  MEDIUM("warning"),
  HIGH("error");

  private final String sarifLevel;

  Severity(String sarifLevel) {
    this.sarifLevel = sarifLevel;
  }

  /** The SARIF result level GitHub code scanning shows for it. */
  public String sarifLevel() {
    return sarifLevel;
  }

  /** {@code high}, {@code medium} or {@code low}, as the reports print it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
