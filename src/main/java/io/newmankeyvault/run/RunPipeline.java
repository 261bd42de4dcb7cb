package io.newmankeyvault.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.ExitCode;
import io.newmankeyvault.UserFacingException;
import io.newmankeyvault.hydrate.Hydrator;
import io.newmankeyvault.hydrate.Plan;
import io.newmankeyvault.hydrate.Planner;
import io.newmankeyvault.hydrate.Resolution;
import io.newmankeyvault.newman.EnvironmentHandover;
import io.newmankeyvault.newman.NewmanInvocation;
import io.newmankeyvault.newman.NewmanRunner;
import io.newmankeyvault.newman.PrivateDirectory;
import io.newmankeyvault.postman.CollectionFile;
import io.newmankeyvault.postman.CollectionScan;
import io.newmankeyvault.postman.EnvironmentFile;
import io.newmankeyvault.redact.Output;
import io.newmankeyvault.reference.ReferenceParser;
import io.newmankeyvault.reference.Vaults;
import io.newmankeyvault.secrets.SecretSource;
import io.newmankeyvault.secrets.SecretsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The steps of {@code run}: read the collection and environment, find the references, read the
 * secrets, then either print the plan (dry run) or hand Newman the hydrated environment and run
 * it. Whatever it creates on disk is gone when it returns, and on SIGINT/SIGTERM.
 */
public final class RunPipeline {
  private final Output output;
  private final Map<String, String> environment;

  /**
   * @param output the tool's stdout and stderr, with the run's protected values
   * @param environment the process environment (injected so tests control it)
   */
  public RunPipeline(Output output, Map<String, String> environment) {
    this.output = output;
    this.environment = environment;
  }

  /** Runs the pipeline and returns the exit code; failures are {@link UserFacingException}s. */
  public int run(RunOptions options) {
    NewmanInvocation.checkPassThrough(options.newmanArgs());
    CollectionScan collection = CollectionFile.scan(options.collection());
    ObjectNode env =
        options.environment() == null
            ? EnvironmentFile.empty()
            : EnvironmentFile.load(options.environment());

    ReferenceParser parser =
        new ReferenceParser(new Vaults(options.keyVault(), options.keyVaultSuffix()), options.nameMap());
    Plan plan = new Planner(parser).plan(env, collection, options.secrets());
    SecretSource source = sourceFor(options, plan);
    Resolution resolution = Resolution.resolve(plan, source);
    output.protectedValues().addAll(resolution.values());
    List<String> failures = resolution.failures();

    if (options.dryRun()) {
      output.print(
          options.output() == OutputFormat.json
              ? PlanReport.json(resolution, source.description())
              : PlanReport.text(resolution, source.description()));
      if (!failures.isEmpty()) {
        output.error(String.join("\n", failures));
        return ExitCode.SECRETS;
      }
      return ExitCode.OK;
    }
    if (!failures.isEmpty()) {
      throw new UserFacingException(
          ExitCode.SECRETS, String.join("\n", failures) + "\nNewman was not started");
    }
    return runNewman(options, collection, Hydrator.hydrate(env, resolution));
  }

  private SecretSource sourceFor(RunOptions options, Plan plan) {
    if (options.secretsFile() != null) {
      return SecretsFile.load(options.secretsFile());
    }
    if (plan.secrets().isEmpty()) {
      return SecretsFile.none();
    }
    throw UserFacingException.usage(
        "this build reads secrets from --secrets-file only; reading Azure Key Vault is not in it"
            + " yet: pass --secrets-file");
  }

  private int runNewman(RunOptions options, CollectionScan collection, byte[] hydrated) {
    NewmanRunner runner = new NewmanRunner(output.stdout(), output.stderr(), output.redactor());
    PrivateDirectory directory;
    try {
      directory = PrivateDirectory.create(environment);
    } catch (IOException e) {
      throw new UserFacingException(
          ExitCode.NEWMAN,
          "cannot create a private temporary directory ("
              + e.getClass().getSimpleName()
              + "): check that RUNNER_TEMP, AGENT_TEMPDIRECTORY or java.io.tmpdir is writable");
    }
    Cleanup cleanup = new Cleanup(runner, directory);
    Thread hook = new Thread(cleanup, "newman-keyvault-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (options.reportsDir() != null) {
        Files.createDirectories(options.reportsDir());
      }
      EnvironmentHandover handover = EnvironmentHandover.open(directory.path(), hydrated, true);
      cleanup.handover = handover;
      return runner.run(
          new NewmanInvocation(
              options.newman(),
              collection.path(),
              handover.path(),
              options.reportsDir(),
              options.newmanArgs()));
    } catch (IOException e) {
      throw new UserFacingException(
          ExitCode.USAGE,
          "cannot prepare the run ("
              + e.getClass().getSimpleName()
              + "): check that --reports-dir and the temporary directory are writable");
    } finally {
      cleanup.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is running or has run.
      }
    }
  }

  /** Stops Newman and removes the hand-over and the directory; idempotent. */
  private static final class Cleanup implements Runnable {
    private final NewmanRunner runner;
    private final PrivateDirectory directory;
    volatile EnvironmentHandover handover;

    Cleanup(NewmanRunner runner, PrivateDirectory directory) {
      this.runner = runner;
      this.directory = directory;
    }

    @Override
    public synchronized void run() {
      runner.stop();
      EnvironmentHandover open = handover;
      if (open != null) {
        open.close();
        handover = null;
      }
      directory.close();
    }
  }
}
