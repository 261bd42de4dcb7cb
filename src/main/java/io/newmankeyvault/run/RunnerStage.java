package io.newmankeyvault.run;

import io.newmankeyvault.newman.RunnerProcess;
import io.newmankeyvault.reports.NewmanResults;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the runners' stages share ({@link NewmanStage}, {@link PostmanCliStage}): a runner's child
 * process, which publishes its reports and stops, and the clock of their timings.
 *
 * @param <R> the runner
 */
abstract class RunnerStage<R extends RunnerProcess> implements Runner {
  final R runner;

  RunnerStage(R runner) {
    this.runner = runner;
  }

  /**
   * The {@code --verbose} line {@code timing: EVENTS after the process started}: each {@code %d} of
   * {@code events} is filled with one of {@code at} ({@link System#currentTimeMillis()}), in ms
   * since this process (the tool) started, whose start the OS gives in clock ticks (10 ms on
   * Linux).
   */
  static String timing(String events, long... at) {
    long processStart =
        ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    Object[] since = Arrays.stream(at).map(millis -> millis - processStart).boxed().toArray();
    return "timing: " + String.format(Locale.ROOT, events, since) + " after the process started";
  }

  /** Empty unless the runner tells (Newman's captured totals). */
  @Override
  public Optional<NewmanResults> results() {
    return Optional.empty();
  }

  @Override
  public List<String> publishReports() {
    return runner.publishReports();
  }

  @Override
  public void stop() {
    runner.stop();
  }
}
