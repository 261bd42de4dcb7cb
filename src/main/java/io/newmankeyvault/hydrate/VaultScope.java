package io.newmankeyvault.hydrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.redact.ProtectedValues;
import io.newmankeyvault.reference.SecretId;
import io.newmankeyvault.secrets.SecretLookup;
import java.util.List;
import java.util.Map;

/**
 * What Newman's guard reads through the vault pipe when the run starts. The {@code {{vault:NAME}}}
 * secrets as postman-runtime's vault scope takes them ({@code vaultSecrets}): one variable {@code
 * vault:NAME} per name, with the secret's {@link AllowedDomains} in its {@code _domains} meta
 * property (none: it resolves in every request, as in Postman); the scope is in no script's
 * context, so no script can list it. And the domain policy: for every secret bound to domains,
 * whatever reference brought it, the domains and every form the redactor knows it in, which the
 * guard searches each outgoing request for. And the NAMEs scripts may use through {@code pm.vault}
 * ({@link ScriptAccess}).
 */
public final class VaultScope {
  private VaultScope() {}

  /**
   * The scope and the policy as JSON bytes. Every secret must have been read.
   *
   * @param allowedDomains the {@code --allowed-domains} patterns by Key Vault secret name; a secret
   *     without them keeps its {@code allowed-domains} tag's (see {@link AllowedDomains})
   */
  public static byte[] json(Resolution resolution, Map<String, List<String>> allowedDomains) {
    return json(resolution, allowedDomains, List.of());
  }

  /**
   * The scope and the policy as JSON bytes, with the NAMEs scripts may use through {@code pm.vault}
   * ({@link ScriptAccess}). Every secret must have been read.
   *
   * @param scriptAccess the {@code --script-access} options: Key Vault secret names
   */
  public static byte[] json(
      Resolution resolution, Map<String, List<String>> allowedDomains, List<String> scriptAccess) {
    Map<String, AllowedDomains> effective = AllowedDomains.of(resolution, allowedDomains);
    ObjectNode scope = Json.MAPPER.createObjectNode();
    ArrayNode values = scope.putArray("values");
    for (Binding binding : resolution.plan().bindings()) {
      if (binding.origin() != Binding.Origin.POSTMAN_VAULT) {
        continue;
      }
      ObjectNode variable = values.addObject();
      variable.put("key", binding.variable());
      variable.put("value", resolution.value(binding));
      variable.put("type", "secret");
      List<String> domains = effective.get(binding.variable()).patterns();
      if (!domains.isEmpty()) {
        ArrayNode patterns = variable.putArray("_domains");
        domains.forEach(patterns::add);
      }
    }
    List<String> readable = ScriptAccess.readableNames(resolution, scriptAccess);
    if (!readable.isEmpty()) {
      readable.forEach(scope.putArray("scriptAccess")::add);
    }
    ArrayNode policy = scope.putArray("policy");
    for (Map.Entry<SecretId, AllowedDomains> bound :
        AllowedDomains.bySecret(resolution, allowedDomains).entrySet()) {
      AllowedDomains domains = bound.getValue();
      // A value too short to protect would match ordinary text everywhere: its domains hold for
      // a {{vault:}} reference (the runtime's scope), not for what a request carries.
      if (domains.patterns().isEmpty()
          || !(resolution.lookup(bound.getKey()) instanceof SecretLookup.Found found)
          || !ProtectedValues.isProtectable(found.value())) {
        continue;
      }
      ObjectNode rule = policy.addObject();
      rule.put("secret", domains.secret());
      domains.patterns().forEach(rule.putArray("domains")::add);
      ProtectedValues.formsOf(found.value()).forEach(rule.putArray("forms")::add);
    }
    try {
      return Json.MAPPER.writeValueAsBytes(scope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the vault scope", e);
    }
  }
}
