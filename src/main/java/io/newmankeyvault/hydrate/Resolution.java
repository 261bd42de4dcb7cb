package io.newmankeyvault.hydrate;

import io.newmankeyvault.network.ClientCertificate;
import io.newmankeyvault.reference.SecretId;
import io.newmankeyvault.secrets.SecretLookup;
import io.newmankeyvault.secrets.SecretSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A plan together with the outcome of reading each of its secrets, and the client certificate each
 * {@code --client-cert} secret holds.
 */
public final class Resolution {
  private final Plan plan;
  private final Map<SecretId, SecretLookup> lookups;
  private final Map<String, ClientCertificate> certificates = new LinkedHashMap<>();
  private final Map<String, String> unusableCertificates = new LinkedHashMap<>();

  private Resolution(Plan plan, Map<SecretId, SecretLookup> lookups) {
    this.plan = plan;
    this.lookups = lookups;
    for (Binding binding : plan.bindings()) {
      if (binding.origin() == Binding.Origin.CLIENT_CERTIFICATE
          && lookup(binding.reference().secret()) instanceof SecretLookup.Found found) {
        try {
          certificates.put(binding.variable(), ClientCertificate.parse(found.value()));
        } catch (ClientCertificate.Unusable e) {
          unusableCertificates.put(binding.variable(), e.getMessage());
        }
      }
    }
  }

  /** Reads every distinct secret of the plan from the source, once each. */
  public static Resolution resolve(Plan plan, SecretSource source) {
    Map<SecretId, SecretLookup> lookups =
        plan.secrets().isEmpty() ? Map.of() : source.readAll(plan.secrets());
    return new Resolution(plan, lookups);
  }

  /**
   * The client certificate of a {@code --client-cert} host pattern, read and usable; empty when its
   * secret could not be read or holds no usable certificate (see {@link #failures()}).
   */
  public Optional<ClientCertificate> clientCertificate(String hostPattern) {
    return Optional.ofNullable(certificates.get(hostPattern));
  }

  /** Why the secret of a {@code --client-cert} host pattern is not a usable certificate, if so. */
  public Optional<String> unusableCertificate(String hostPattern) {
    return Optional.ofNullable(unusableCertificates.get(hostPattern));
  }

  public Plan plan() {
    return plan;
  }

  /**
   * The value a binding gets; only for a resolution without {@link #failures()} (else a bug, not a
   * user's error).
   */
  String value(Binding binding) {
    if (lookup(binding.reference().secret()) instanceof SecretLookup.Found found) {
      return found.value();
    }
    throw new IllegalStateException("a value asked for with an unread secret");
  }

  /** The outcome for one secret of the plan. */
  public SecretLookup lookup(SecretId id) {
    SecretLookup lookup = lookups.get(id);
    return lookup != null ? lookup : new SecretLookup.Failed("was not read (a bug)");
  }

  /**
   * One line per secret that could not be read, naming the secret, its vault, the variables that
   * need it and the reason; empty when every secret was read.
   */
  public List<String> failures() {
    Map<SecretId, List<String>> variablesBySecret = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (Binding binding : plan.bindings()) {
      SecretId id = binding.reference().secret();
      if (binding.origin() != Binding.Origin.CLIENT_CERTIFICATE) {
        variablesBySecret.computeIfAbsent(id, key -> new ArrayList<>()).add(binding.variable());
        continue;
      }
      String reason =
          lookup(id) instanceof SecretLookup.Failed failed
              ? failed.reason()
              : unusableCertificates.get(binding.variable());
      if (reason != null) {
        failures.add(
            "secret '"
                + id.nameAndVersion()
                + "' (vault "
                + id.vaultLabel()
                + ", --client-cert "
                + binding.variable()
                + "): "
                + (lookup(id) instanceof SecretLookup.Failed
                    ? reason
                    : "is not a usable client certificate: " + reason));
      }
    }
    variablesBySecret.forEach(
        (id, variables) -> {
          if (lookup(id) instanceof SecretLookup.Failed failed) {
            failures.add(
                "secret '"
                    + id.nameAndVersion()
                    + "' (vault "
                    + id.vaultLabel()
                    + ", "
                    + (variables.size() == 1 ? "variable " : "variables ")
                    + variables.stream().collect(Collectors.joining(", "))
                    + "): "
                    + failed.reason());
          }
        });
    return failures;
  }

  /** The names of the secrets read whose values are too short to protect (names, not values). */
  public List<String> unprotectable() {
    List<String> names = new ArrayList<>();
    lookups.forEach(
        (id, lookup) -> {
          if (lookup instanceof SecretLookup.Found found
              && !found.value().isEmpty()
              && !io.newmankeyvault.redact.ProtectedValues.isProtectable(found.value())) {
            names.add(id.nameAndVersion());
          }
        });
    return names;
  }

  /**
   * Every value that was read, and the key material of each client certificate: the protected
   * values of the run.
   */
  public List<String> values() {
    List<String> values = new ArrayList<>();
    certificates.values().forEach(certificate -> values.addAll(certificate.protectedForms()));
    lookups
        .values()
        .forEach(
            l -> {
              if (l instanceof SecretLookup.Found found) {
                values.add(found.value());
              }
            });
    return values;
  }
}
