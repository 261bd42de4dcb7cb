package io.newmankeyvault.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.ci.CiReporter;
import io.newmankeyvault.hydrate.AllowedDomains;
import io.newmankeyvault.hydrate.Resolution;
import io.newmankeyvault.redact.Output;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the preload's events into one warning per (request, secret) that went out with a {@code
 * {{vault:NAME}}} withheld because the request's host is not among the secret's allowed domains: on
 * stderr, and in CI as an annotation. It names the reference, the secret, the request and the host,
 * never a value.
 */
final class WithheldWarnings implements Consumer<String> {
  private final Output output;
  private final CiReporter ci;
  private final Map<String, List<String>> allowedDomains;
  private volatile Map<String, AllowedDomains> domainsByVariable = Map.of();

  WithheldWarnings(Output output, CiReporter ci, Map<String, List<String>> allowedDomains) {
    this.output = output;
    this.ci = ci;
    this.allowedDomains = allowedDomains;
  }

  /** The run's resolution: events come only after the hand-over, which needs it. */
  void resolved(Resolution resolution) {
    this.domainsByVariable = AllowedDomains.of(resolution, allowedDomains);
  }

  @Override
  public void accept(String event) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(event);
    } catch (IOException e) {
      return; // not an event of ours after all
    }
    String variable = tree.path("withheld").asText("");
    AllowedDomains domains = domainsByVariable.get(variable);
    if (domains == null) {
      return; // not a {{vault:}} secret of this run's
    }
    String host = tree.path("host").asText("");
    String message =
        "{{"
            + variable
            + "}} (secret "
            + domains.secret()
            + ") was not sent in request '"
            + tree.path("request").asText("")
            + "' to "
            + (host.isEmpty() ? "its host" : host)
            + ": not among its allowed domains ("
            + domains.describe()
            + ")";
    output.notice("warning: " + message);
    ci.warning("newman-keyvault: a secret was withheld", message);
  }
}
