package io.newmankeyvault.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.hydrate.Binding;
import io.newmankeyvault.hydrate.Plan;
import io.newmankeyvault.hydrate.Planner;
import io.newmankeyvault.hydrate.Resolution;
import io.newmankeyvault.keyvault.Clouds;
import io.newmankeyvault.keyvault.KeyVaultSecretSource;
import io.newmankeyvault.postman.CollectionFile;
import io.newmankeyvault.postman.CollectionScan;
import io.newmankeyvault.postman.EnvironmentFile;
import io.newmankeyvault.redact.Output;
import io.newmankeyvault.redact.ProtectedValues;
import io.newmankeyvault.reference.ReferenceParser;
import io.newmankeyvault.reference.Vaults;
import io.newmankeyvault.secrets.SecretSource;
import io.newmankeyvault.secrets.SecretSources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The values of every secret the audited documents reference, read the way {@code run} reads them
 * (Key Vault or the secrets file), so that a literal equal to one is a certain finding. The values
 * become protected values at once: nothing the audit prints can show them.
 */
final class KnownSecrets {
  private KnownSecrets() {}

  static Set<String> read(AuditOptions options, Audit.Inputs inputs, Output output) {
    ReferenceParser parser =
        new ReferenceParser(
            new Vaults(
                options.keyVault(),
                Clouds.vaultSuffix(options.keyVaultSuffix(), options.signIn().authorityHost())),
            options.nameMap());
    Planner planner = new Planner(parser);
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
    Plan plan = new Plan(bindings);
    Resolution resolution = Resolution.resolve(plan, source(options, plan, output));
    output.protectedValues().addAll(resolution.values());
    if (!resolution.failures().isEmpty()) {
      throw new UserFacingException(FailureKind.SECRETS, String.join("\n", resolution.failures()));
    }
    Set<String> values = new HashSet<>();
    // Values too short to protect would match ordinary literals ("1", "yes"): not compared.
    resolution.values().stream().filter(ProtectedValues::isProtectable).forEach(values::add);
    return values;
  }

  private static SecretSource source(AuditOptions options, Plan plan, Output output) {
    return SecretSources.choose(
        options.secretsFile(),
        !plan.secrets().isEmpty(),
        () -> new KeyVaultSecretSource(options.signIn(), output.protectedValues()::add));
  }
}
