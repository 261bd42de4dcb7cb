package io.newmankeyvault.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.hydrate.Binding;
import io.newmankeyvault.hydrate.Plan;
import io.newmankeyvault.hydrate.Planner;
import io.newmankeyvault.hydrate.Resolution;
import io.newmankeyvault.postman.CollectionFile;
import io.newmankeyvault.postman.CollectionScan;
import io.newmankeyvault.postman.EnvironmentFile;
import io.newmankeyvault.redact.Output;
import io.newmankeyvault.redact.ProtectedValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The values of every secret the audited documents reference, read the way {@code run} reads them
 * ({@link io.newmankeyvault.hydrate.SecretSourceChoice#read}), so that a literal equal to one is a
 * certain finding. The values become protected values at once: nothing the audit prints can show
 * them.
 */
final class KnownSecrets {
  private KnownSecrets() {}

  static Set<String> read(AuditOptions options, Audit.Inputs inputs, Output output) {
    Planner planner = new Planner(options.secretSource().parser());
    CollectionScan noCollection = new CollectionScan(null, "", Set.of(), List.of());
    List<Binding> bindings = new ArrayList<>();
    for (Audit.Inputs.Collection collection : inputs.collections()) {
      bindings.addAll(
          planner
              .plan(EnvironmentFile.empty(), CollectionFile.scan(collection.file()), List.of())
              .bindings());
    }
    for (Audit.Inputs.Environment environmentInput : inputs.environments()) {
      ObjectNode tree =
          environmentInput.tree() != null
              ? environmentInput.tree()
              : EnvironmentFile.load(environmentInput.file());
      bindings.addAll(planner.plan(tree, noCollection, List.of()).bindings());
    }
    Resolution resolution =
        options.secretSource().read(new Plan(bindings), output.protectedValues()).resolution();
    if (!resolution.failures().isEmpty()) {
      throw new UserFacingException(FailureKind.SECRETS, String.join("\n", resolution.failures()));
    }
    Set<String> values = new HashSet<>();
    // Values too short to protect would match ordinary literals ("1", "yes"): not compared.
    resolution.values().stream().filter(ProtectedValues::isProtectable).forEach(values::add);
    return values;
  }
}
