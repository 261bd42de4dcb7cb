package io.newmankeyvault.run;

import io.newmankeyvault.base.CredentialVariables;
import io.newmankeyvault.base.PrivateDirectory;
import io.newmankeyvault.base.ShutdownHooks;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.ci.CiReporter;
import io.newmankeyvault.ci.CiSystem;
import io.newmankeyvault.hydrate.AllowedDomains;
import io.newmankeyvault.hydrate.Plan;
import io.newmankeyvault.hydrate.Planner;
import io.newmankeyvault.hydrate.Resolution;
import io.newmankeyvault.hydrate.ScriptAccess;
import io.newmankeyvault.hydrate.SecretSourceChoice.SecretsRead;
import io.newmankeyvault.newman.WarmNewman;
import io.newmankeyvault.postman.PostmanApiKey;
import io.newmankeyvault.postman.RetryPolicy;
import io.newmankeyvault.redact.Output;
import io.newmankeyvault.redact.ProtectedValues;
import io.newmankeyvault.reports.NewmanResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps of {@code run}: fetch the collection and environment (files or the Postman API), find
 * the references, read the secrets, then either print the plan (dry run) or hand the runner (Newman
 * or the Postman CLI, see {@link Runner}) the hydrated environment and run it. Whatever it creates
 * on disk lives in one private directory that is gone when it returns, and on SIGINT/SIGTERM.
 */
public final class RunPipeline {
  private final Output output;
  private final Map<String, String> environment;
  private final RetryPolicy postmanRetries;
  private final String version;
  private final ShutdownHooks shutdownHooks;
  private final WarmNewman warmNewman;

  /**
   * @param output the tool's stdout and stderr, with the run's protected values
   * @param environment the process environment (injected so tests control it)
   * @param postmanRetries how Postman API calls are retried
   * @param version the tool's version, for the User-Agent
   * @param shutdownHooks where the run registers its cleanup for a stop of the process
   */
  public RunPipeline(
      Output output,
      Map<String, String> environment,
      RetryPolicy postmanRetries,
      String version,
      ShutdownHooks shutdownHooks) {
    this(output, environment, postmanRetries, version, shutdownHooks, WarmNewman.none());
  }

  /**
   * Like the other constructor, with a Newman process started before the command line was parsed
   * ({@link WarmNewman}), which the run uses when it fits and else stops.
   */
  public RunPipeline(
      Output output,
      Map<String, String> environment,
      RetryPolicy postmanRetries,
      String version,
      ShutdownHooks shutdownHooks,
      WarmNewman warmNewman) {
    this.output = output;
    this.environment = environment;
    this.postmanRetries = postmanRetries;
    this.version = version;
    this.shutdownHooks = shutdownHooks;
    this.warmNewman = warmNewman;
  }

  /** Runs the pipeline and returns the exit code; failures are {@link UserFacingException}s. */
  public int run(RunOptions options) {
    PostmanApiKey key = protectCredentials(options);
    RunnerChoice.Kind kind = options.runner().choice().kindFor(options.documents().collection());
    PrivateDirectory directory = PrivateDirectory.createFor(environment);
    Cleanup cleanup = new Cleanup(warmNewman, directory);
    ShutdownHooks.Registration onStop = shutdownHooks.register(cleanup);
    try {
      return run(options, key, directory.path(), kind, cleanup);
    } finally {
      cleanup.run();
      onStop.close();
    }
  }

  private int run(
      RunOptions options,
      PostmanApiKey key,
      Path directory,
      RunnerChoice.Kind kind,
      Cleanup cleanup) {
    CiReporter ci =
        new CiReporter(
            CiSystem.detect(environment), environment, output.stdout(), output.redactor());
    GuardEvents guardEvents = new GuardEvents(output, ci, options.secrets().allowedDomains());
    // Newman starts now and waits for its inputs (see NewmanStage); the Postman CLI at the
    // hand-over.
    Runner runner =
        options.dryRun()
            ? null
            : Runners.start(kind, options, directory, output, environment, warmNewman, guardEvents);
    if (runner != null) {
      cleanup.started(runner);
    }
    Prepared prepared;
    ci.group("newman-keyvault: fetch, find references, read secrets");
    try {
      prepared = prepare(options, key, directory, runner);
    } finally {
      ci.endGroup();
    }
    RunOutcome outcome = prepared.outcome();
    if (options.dryRun()) {
      output.print(
          PlanReport.dryRun(
              outcome.resolution(),
              prepared.read().source(),
              options,
              prepared.inputs().collection().path(),
              PlanTable.width(environment)));
      return outcome.dryRun(ci, output);
    }
    if (!outcome.canRun()) {
      throw outcome.refused(
          ci,
          kind == RunnerChoice.Kind.NEWMAN
              ? "Newman was stopped before it got its inputs"
              : "the Postman CLI was not started");
    }
    guardEvents.resolved(outcome.resolution());
    int code;
    try {
      code =
          runner.handOver(
              prepared.forRunner(),
              outcome.collection(),
              prepared.inputs().environment(),
              outcome.resolution());
    } finally {
      cleanup.run(); // stops the runner, publishes its scrubbed reports, removes the hand-over
    }
    if (options.verbose()) {
      output.notice(runner.timing());
    }
    NewmanResults results = runner.results().orElse(null);
    guardEvents.ran(results, code);
    return outcome.ran(ci, code, results, runner.publishReports());
  }

  /** The Postman API key and the credentials in the environment, protected from the start. */
  private PostmanApiKey protectCredentials(RunOptions options) {
    // Protected from the moment it is read, whether or not this run downloads anything.
    PostmanApiKey key = PostmanApiKey.find(options.documents().postmanApiKeyFile(), environment);
    if (key != null) {
      output.protectedValues().add(key.value());
    }
    for (String variable : CredentialVariables.VALUES) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        output.protectedValues().add(value);
      }
    }
    return key;
  }

  /**
   * What the run has before it hands over.
   *
   * @param forRunner the collection, or this shard's (see {@link Sharding}); null in a dry run
   */
  private record Prepared(Inputs inputs, Path forRunner, SecretsRead read, RunOutcome outcome) {}

  /** Fetches the documents, plans, and reads the secrets; the runner gets the collection early. */
  private Prepared prepare(RunOptions options, PostmanApiKey key, Path directory, Runner runner) {
    Inputs inputs =
        Inputs.fetch(
            options,
            key,
            runner == null ? directory.resolve("collection.json") : runner.downloadTarget(),
            output::notice,
            postmanRetries,
            version);
    Path forRunner = null;
    if (runner != null) {
      forRunner = options.sharding().collectionFor(inputs.collection().path(), directory);
      runner.collectionReady(forRunner);
    }
    Plan plan =
        new Planner(options.secrets().source().parser())
            .plan(
                inputs.environment(),
                inputs.globals(),
                inputs.collection(),
                options.secrets().variables(),
                options.secrets().clientCerts());
    List<String> unknown =
        new ArrayList<>(AllowedDomains.unknownNames(plan, options.secrets().allowedDomains()));
    unknown.addAll(ScriptAccess.unknownNames(plan, options.secrets().scriptAccess()));
    if (!unknown.isEmpty()) {
      throw UserFacingException.usage(String.join("\n", unknown));
    }
    SecretsRead read = options.secrets().source().read(plan, output.protectedValues());
    Resolution resolution = read.resolution();
    warnUnprotectable(resolution);
    if (options.verbose()) {
      output.notice(
          String.format(
              "read %d secrets for %d variables from %s in %d ms",
              plan.secrets().size(), plan.bindings().size(), read.source(), read.millis()));
    }
    List<String> failures = new ArrayList<>(resolution.failures());
    failures.addAll(AllowedDomains.badTags(resolution));
    failures.addAll(ScriptAccess.badTags(resolution));
    if (options.secrets().requireAllowedDomains()) {
      failures.addAll(AllowedDomains.unbound(resolution, options.secrets().allowedDomains()));
    }
    // Not when Newman could not start or its guard refused: its error is then the one line.
    if (failures.isEmpty() && runner != null && runner.ready()) {
      output.notice(
          PlanReport.announcement(
              resolution, read.source(), options.secrets().source().clientId(), runner.describe()));
    }
    String source = options.secrets().source().secretsFile() == null ? null : read.source();
    return new Prepared(
        inputs,
        forRunner,
        read,
        new RunOutcome(
            inputs.collection().name(),
            resolution,
            options.secrets().allowedDomains(),
            source,
            failures));
  }

  private void warnUnprotectable(Resolution resolution) {
    for (String secret : resolution.unprotectable()) {
      output.notice(
          "warning: secret '"
              + secret
              + "' has fewer than "
              + ProtectedValues.MIN_VALUE_LENGTH
              + " characters: too short to mask or redact without blanking out ordinary text;"
              + " it is used, but not hidden");
    }
  }
}
