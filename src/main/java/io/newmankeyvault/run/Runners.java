package io.newmankeyvault.run;

import io.newmankeyvault.newman.NewmanEnvironment;
import io.newmankeyvault.newman.NewmanRunner;
import io.newmankeyvault.newman.WarmNewman;
import io.newmankeyvault.postmancli.PostmanCliRunner;
import io.newmankeyvault.redact.Output;
import java.nio.file.Path;
import java.util.Map;

/** Starts the {@link Runner} a run uses; the only place that tells Newman from the Postman CLI. */
final class Runners {
  private Runners() {}

  /**
   * Starts the runner of {@code kind}: Newman now, under its guard, waiting for its inputs (a warm
   * Newman is claimed when it fits); the Postman CLI at the hand-over (a warm Newman is stopped).
   * Both get the same allow-listed environment.
   */
  static Runner start(
      RunnerChoice.Kind kind,
      RunOptions options,
      Path directory,
      Output output,
      Map<String, String> environment,
      WarmNewman warmNewman,
      GuardEvents guardEvents) {
    Map<String, String> runnerEnvironment =
        NewmanEnvironment.of(environment, options.runner().newmanEnvironment());
    if (kind == RunnerChoice.Kind.POSTMAN_CLI) {
      warmNewman.discard();
      return PostmanCliStage.begin(
          options,
          directory,
          new PostmanCliRunner(
              output.stdout(), output.stderr(), output.redactor(), runnerEnvironment));
    }
    NewmanRunner runner =
        new NewmanRunner(
            output.stdout(), output.stderr(), output.redactor(), runnerEnvironment, warmNewman);
    runner.onEvent(guardEvents);
    String description =
        warmNewman
            .installedVersion(options.runner().newman(), environment)
            .map(installed -> "Newman " + installed)
            .orElse("Newman (" + String.join(" ", options.runner().newman()) + ")");
    // Totals captured: the CI summary and the no-request warning.
    return NewmanStage.begin(options, directory, runner, true, description);
  }
}
