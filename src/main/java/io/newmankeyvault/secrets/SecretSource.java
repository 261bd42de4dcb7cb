package io.newmankeyvault.secrets;

import io.newmankeyvault.reference.SecretId;
import java.util.Map;
import java.util.Set;

/**
 * Where secret values come from: Azure Key Vault, or a local secrets file standing in for it.
 * Implementations are safe to call from one thread at a time and may read in parallel inside.
 */
public interface SecretSource {

  /**
   * Reads each secret once. Never throws for one secret's failure: that is a {@link
   * SecretLookup.Failed} in the answer, so every failure can be reported together. The answer has
   * an entry for every id asked for.
   */
  Map<SecretId, SecretLookup> readAll(Set<SecretId> ids);

  /** What users read in the plan as the source, e.g. {@code secrets file demo.secrets}. */
  String description();
}
