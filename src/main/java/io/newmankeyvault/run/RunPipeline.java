package io.newmankeyvault.run;

import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.FailureKind;
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
import io.newmankeyvault.keyvault.Clouds;
import io.newmankeyvault.keyvault.KeyVaultSecretSource;
import io.newmankeyvault.newman.WarmNewman;
import io.newmankeyvault.postman.PostmanApiKey;
import io.newmankeyvault.postman.RetryPolicy;
import io.newmankeyvault.redact.Output;
import io.newmankeyvault.redact.ProtectedValues;
import io.newmankeyvault.reference.ReferenceParser;
import io.newmankeyvault.reference.Vaults;
import io.newmankeyvault.secrets.SecretSource;
import io.newmankeyvault.secrets.SecretSources;
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
  /** Credentials the environment may hold: protected from the start, whatever the mode. */
  private static final List<String> CREDENTIAL_VARIABLES =
      List.of(
          "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
          "SYSTEM_ACCESSTOKEN",
          "AZURE_CLIENT_SECRET",
          "AZURE_CLIENT_CERTIFICATE_PASSWORD");

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
    // Protected from the moment it is read, whether or not this run downloads anything.
    PostmanApiKey key = PostmanApiKey.find(options.postmanApiKeyFile(), environment);
    if (key != null) {
      output.protectedValues().add(key.value());
    }
    for (String variable : CREDENTIAL_VARIABLES) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        output.protectedValues().add(value);
      }
    }

    RunnerChoice.Kind kind = options.runner().kindFor(options.collection());
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
    CiSystem ciSystem = CiSystem.detect(environment);
    CiReporter ci = new CiReporter(ciSystem, environment, output.stdout(), output.redactor());
    GuardEvents guardEvents = new GuardEvents(output, ci, options.allowedDomains());
    // Newman starts now and waits for its inputs (see NewmanStage); the Postman CLI at the
    // hand-over.
    Runner runner =
        options.dryRun()
            ? null
            : Runners.start(kind, options, directory, output, environment, warmNewman, guardEvents);
    if (runner != null) {
      cleanup.started(runner);
    }
    ci.group("newman-keyvault: fetch, find references, read secrets");
    Inputs inputs;
    Resolution resolution;
    SecretSource source;
    List<String> failures;
    Path forRunner = null; // the collection, or this shard's (see Sharding)
    try {
      inputs =
          Inputs.fetch(
              options,
              key,
              runner == null ? directory.resolve("collection.json") : runner.downloadTarget(),
              output::notice,
              postmanRetries,
              version);
      if (runner != null) {
        forRunner = options.sharding().collectionFor(inputs.collection().path(), directory);
        runner.collectionReady(forRunner);
      }
      ReferenceParser parser =
          new ReferenceParser(
              new Vaults(
                  options.keyVault(),
                  Clouds.vaultSuffix(options.keyVaultSuffix(), options.signIn().authorityHost())),
              options.nameMap());
      Plan plan =
          new Planner(parser)
              .plan(
                  inputs.environment(),
                  inputs.globals(),
                  inputs.collection(),
                  options.secrets(),
                  options.clientCerts());
      List<String> unknown =
          new ArrayList<>(AllowedDomains.unknownNames(plan, options.allowedDomains()));
      unknown.addAll(ScriptAccess.unknownNames(plan, options.scriptAccess()));
      if (!unknown.isEmpty()) {
        throw UserFacingException.usage(String.join("\n", unknown));
      }
      source = sourceFor(options, plan);
      long started = System.nanoTime();
      resolution = Resolution.resolve(plan, source);
      output.protectedValues().addAll(resolution.values());
      for (String secret : resolution.unprotectable()) {
        output.notice(
            "warning: secret '"
                + secret
                + "' has fewer than "
                + ProtectedValues.MIN_VALUE_LENGTH
                + " characters: too short to mask or redact without blanking out ordinary text;"
                + " it is used, but not hidden");
      }
      if (options.verbose()) {
        output.notice(
            String.format(
                "read %d secrets for %d variables from %s in %d ms",
                plan.secrets().size(),
                plan.bindings().size(),
                source.description(),
                (System.nanoTime() - started) / 1_000_000));
      }
      failures = new ArrayList<>(resolution.failures());
      failures.addAll(AllowedDomains.badTags(resolution));
      failures.addAll(ScriptAccess.badTags(resolution));
      if (options.requireAllowedDomains()) {
        failures.addAll(AllowedDomains.unbound(resolution, options.allowedDomains()));
      }
      // Not when Newman could not start or its guard refused: its error is then the one line.
      if (failures.isEmpty() && runner != null && runner.ready()) {
        output.notice(
            PlanReport.announcement(
                resolution, source.description(), options.signIn().clientId(), runner.describe()));
      }
    } finally {
      ci.endGroup();
    }
    String name = inputs.collection().name();
    String vaults = options.secretsFile() == null ? null : source.description();

    if (options.dryRun()) {
      output.print(
          PlanReport.dryRun(
              resolution,
              source.description(),
              options,
              inputs.collection().path(),
              PlanTable.width(environment)));
      int code = failures.isEmpty() ? ExitCode.OK : ExitCode.SECRETS;
      ci.report(PlanReport.summary(name, resolution, options.allowedDomains(), vaults, null, code));
      if (!failures.isEmpty()) {
        output.error(String.join("\n", failures));
      }
      return code;
    }
    if (!failures.isEmpty()) {
      ci.report(
          PlanReport.summary(
              name, resolution, options.allowedDomains(), vaults, null, ExitCode.SECRETS));
      throw new UserFacingException(
          FailureKind.SECRETS,
          String.join("\n", failures)
              + "\nno request was sent: "
              + (kind == RunnerChoice.Kind.NEWMAN
                  ? "Newman was stopped before it got its inputs"
                  : "the Postman CLI was not started"));
    }
    guardEvents.resolved(resolution);
    int code;
    try {
      code = runner.handOver(forRunner, name, inputs.environment(), resolution);
    } finally {
      cleanup.run(); // stops Newman, publishes its scrubbed reports, removes the hand-over
    }
    if (options.verbose()) {
      output.notice(runner.timing());
    }
    guardEvents.ran(runner.results().orElse(null), code);
    List<String> leaks = runner.publishReports();
    if (!leaks.isEmpty()) {
      ci.report(
          PlanReport.summary(
              name,
              resolution,
              options.allowedDomains(),
              vaults,
              runner.results().orElse(null),
              ExitCode.INTERNAL));
      throw new UserFacingException(
          FailureKind.INTERNAL,
          "leak gate: these reports were removed instead of published (a bug in"
              + " newman-keyvault's redaction: please report it): "
              + String.join(", ", leaks));
    }
    ci.report(
        PlanReport.summary(
            name,
            resolution,
            options.allowedDomains(),
            vaults,
            runner.results().orElse(null),
            code));
    return code;
  }

  private SecretSource sourceFor(RunOptions options, Plan plan) {
    return SecretSources.choose(
        options.secretsFile(),
        !plan.secrets().isEmpty(),
        () -> new KeyVaultSecretSource(options.signIn(), output.protectedValues()::add));
  }
}
