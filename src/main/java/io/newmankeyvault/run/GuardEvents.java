package io.newmankeyvault.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.ci.CiReporter;
import io.newmankeyvault.hydrate.AllowedDomains;
import io.newmankeyvault.hydrate.Resolution;
import io.newmankeyvault.redact.Output;
import io.newmankeyvault.reports.NewmanResults;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Turns what Newman's guard tells the run into warnings, on stderr and in CI as annotations: a
 * {@code {{vault:NAME}}} withheld from a request to a host outside its allowed domains, a request
 * blocked because it carried a secret to such a host, a script denied a secret through {@code
 * pm.vault}, and a write outside Newman's exports that the guard refused. Names secrets, variables,
 * requests, hosts and paths, never a value; each once.
 */
final class GuardEvents implements Consumer<String> {
  private final Output output;
  private final CiReporter ci;
  private final Map<String, List<String>> allowedDomains;
  private final Set<String> told = ConcurrentHashMap.newKeySet();
  private volatile Map<String, AllowedDomains> domainsByVariable = Map.of();

  GuardEvents(Output output, CiReporter ci, Map<String, List<String>> allowedDomains) {
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
      return; // not an event of the guard's after all
    }
    if (tree == null || !told.add(tree.toString())) {
      return;
    }
    String request = tree.path("request").asText("");
    String host = tree.path("host").asText("");
    if (tree.path("withheld").isTextual()) {
      String variable = tree.path("withheld").asText();
      AllowedDomains domains = domainsByVariable.get(variable);
      if (domains != null) {
        warn(
            "a secret was withheld",
            "{{"
                + variable
                + "}} (secret "
                + domains.secret()
                + ") was not sent in request '"
                + request
                + "' to "
                + (host.isEmpty() ? "its host" : host)
                + ": not among its allowed domains ("
                + domains.describe()
                + ")");
      }
    } else if (tree.path("blocked").isTextual()) {
      warn(
          "a request was blocked",
          "request '"
              + request
              + "' to "
              + host
              + " was blocked before it was sent: it carried secret '"
              + tree.path("blocked").asText()
              + "', which is not allowed to go there (see its allowed domains)");
    } else if (tree.path("scriptDenied").isTextual()) {
      String name = tree.path("scriptDenied").asText();
      AllowedDomains domains = domainsByVariable.get("vault:" + name);
      String where = request.isEmpty() ? "a script" : "a script of request '" + request + "'";
      if (name.isEmpty()) {
        warn(
            "pm.vault was denied",
            where
                + " used pm.vault, which no secret of this run allows: pass --script-access"
                + " SECRET (or tag the secret script-access=true) for each secret scripts may"
                + " read");
      } else if (domains != null) {
        warn(
            "pm.vault was denied",
            where
                + " asked pm.vault for '"
                + name
                + "' (secret "
                + domains.secret()
                + ") and got nothing: scripts may use it only with --script-access "
                + domains.secret()
                + " (or the secret's tag script-access=true)");
      }
    } else if (tree.path("escaped").isTextual()) {
      warn(
          "a write was refused",
          "Newman tried to write "
              + tree.path("path").asText("")
              + " by "
              + tree.path("escaped").asText()
              + ", outside its exports: refused (newman-keyvault publishes only what Newman"
              + " exports, once scrubbed; a reporter that writes files itself is not supported)");
    }
  }

  /**
   * After Newman's run: a run that sent no request (an environment's worth of nothing, an empty
   * folder or shard) is a warning, and in CI an annotation; the exit code stays Newman's. Not when
   * Newman failed: it said why (a file it could not load), and its totals are then empty.
   */
  void ran(NewmanResults results, int exitCode) {
    if (results != null && results.requests() == 0 && exitCode == 0) {
      warn(
          "no request sent",
          "Newman sent no request: the collection, or the part of it that --folder or --shard"
              + " selects, has none (the exit code is Newman's)");
    }
  }

  private void warn(String title, String message) {
    output.notice("warning: " + message);
    ci.warning("newman-keyvault: " + title, message);
  }
}
