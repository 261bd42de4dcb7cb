package io.newmankeyvault.run;

import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.ci.CiReporter;
import io.newmankeyvault.hydrate.Resolution;
import io.newmankeyvault.redact.Output;
import io.newmankeyvault.reports.NewmanResults;
import java.util.List;
import java.util.Map;

/**
 * How a run that got as far as reading its secrets ends: decides the exit code, reports the run to
 * CI once with it, and says what went wrong (an error line, or a {@link UserFacingException}).
 *
 * @param collection the collection's name, for the CI summary
 * @param resolution the secrets as they were read
 * @param allowedDomains the {@code --allowed-domains} options
 * @param source what the CI summary names instead of each reference's vault (the secrets file), or
 *     null
 * @param failures what keeps the secrets from being handed over (unreadable secrets, bad tags,
 *     secrets without allowed domains); empty when there is none
 */
record RunOutcome(
    String collection,
    Resolution resolution,
    Map<String, List<String>> allowedDomains,
    String source,
    List<String> failures) {

  RunOutcome {
    failures = List.copyOf(failures);
  }

  /** Whether the secrets may be handed to the runner. */
  boolean canRun() {
    return failures.isEmpty();
  }

  /** A dry run's end, after its plan is printed: exit 4 with the failures on stderr, else 0. */
  int dryRun(CiReporter ci, Output output) {
    int code = canRun() ? ExitCode.OK : ExitCode.SECRETS;
    ci.report(summary(null, code));
    if (!canRun()) {
      output.error(String.join("\n", failures));
    }
    return code;
  }

  /** The end of a run that cannot hand its secrets over: exit 4, saying nothing was sent. */
  UserFacingException refused(CiReporter ci, String runnerStopped) {
    ci.report(summary(null, ExitCode.SECRETS));
    return new UserFacingException(
        FailureKind.SECRETS,
        String.join("\n", failures) + "\nno request was sent: " + runnerStopped);
  }

  /**
   * The end of a run the runner finished with {@code runnerCode}: that code, unless the leak gate
   * kept reports back ({@code leaks}), which is a bug in the tool (exit 70).
   */
  int ran(CiReporter ci, int runnerCode, NewmanResults results, List<String> leaks) {
    int code = leaks.isEmpty() ? runnerCode : ExitCode.INTERNAL;
    ci.report(summary(results, code));
    if (!leaks.isEmpty()) {
      throw new UserFacingException(
          FailureKind.INTERNAL,
          "leak gate: these reports were removed instead of published (a bug in"
              + " newman-keyvault's redaction: please report it): "
              + String.join(", ", leaks));
    }
    return code;
  }

  private io.newmankeyvault.ci.RunSummary summary(NewmanResults results, int code) {
    return PlanReport.summary(collection, resolution, allowedDomains, source, results, code);
  }
}
