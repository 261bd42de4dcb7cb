package io.newmankeyvault.audit;

/** How the audit prints its findings ({@code --output}). */
public enum AuditFormat {
  table,
  json,
  sarif
}
