package io.newmankeyvault.cli;

import io.newmankeyvault.newman.NewmanEnvironment;
import io.newmankeyvault.newman.WarmStartOptions;
import io.newmankeyvault.run.RunnerChoice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code run}'s options that choose and start the runner: Newman or the Postman CLI. */
final class RunnerOptions {
  @Option(
      names = WarmStartOptions.RUNNER,
      paramLabel = "RUNNER",
      defaultValue = "auto",
      description =
          "Which runner runs the collection: auto, newman or postman-cli. auto: Newman for v2.x"
              + " JSON collections, the Postman CLI for Postman v12 (v3) collection folders."
              + " Default from NKV_RUNNER, else ${DEFAULT-VALUE}.")
  String runner;

  @Option(
      names = "--postman-cli",
      paramLabel = "COMMAND",
      defaultValue = "postman",
      description =
          "The command that starts the Postman CLI, split at spaces. Default from"
              + " NKV_POSTMAN_CLI, else ${DEFAULT-VALUE}.")
  String postmanCli;

  @Option(
      names = WarmStartOptions.NEWMAN,
      paramLabel = "COMMAND",
      defaultValue = "newman",
      description =
          "The command that starts Newman, split at spaces. Default from NKV_NEWMAN, else"
              + " ${DEFAULT-VALUE}.")
  String newman;

  @Option(
      names = WarmStartOptions.NEWMAN_ENV,
      paramLabel = "NAME",
      description =
          "Passes the environment variable NAME on to the runner, whose environment otherwise"
              + " holds only what Node and Newman need (PATH, HOME, temp, locale, proxies,"
              + " NODE_OPTIONS, NODE_EXTRA_CA_CERTS and the like): for a reporter that reads one."
              + " Repeatable. Default: the lines of NKV_NEWMAN_ENV.")
  List<String> newmanEnv = new ArrayList<>();

  /** The command that starts Newman. */
  List<String> newman() {
    return Arrays.asList(newman.strip().split("\\s+"));
  }

  /** The runner asked for and the Postman CLI's command. */
  RunnerChoice choice() {
    return new RunnerChoice(
        RunnerChoice.Kind.parse(runner), Arrays.asList(postmanCli.strip().split("\\s+")));
  }

  /** The checked {@code --newman-env} names (else the lines of NKV_NEWMAN_ENV). */
  List<String> newmanEnvironment(Map<String, String> environment) {
    return NewmanEnvironment.checkedNames(
        newmanEnv.isEmpty() ? SecretSourceOptions.lines(environment, "NKV_NEWMAN_ENV") : newmanEnv);
  }
}
