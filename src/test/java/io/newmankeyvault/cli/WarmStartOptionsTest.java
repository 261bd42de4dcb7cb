package io.newmankeyvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.newman.WarmStartOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options the warm start reads by hand ({@link WarmStartOptions}) are {@code run}'s real ones,
 * read the same way: a rename in one place only fails here.
 */
class WarmStartOptionsTest {
  private static final CommandSpec RUN =
      DocExamples.commandLine().getSubcommands().get(WarmStartOptions.RUN).getCommandSpec();

  private static OptionSpec option(String name) {
    OptionSpec option = RUN.findOption(name);
    assertThat(option).as(name + " is an option of run").isNotNull();
    assertThat(option.names()).as(name + " is named, not only abbreviated").contains(name);
    return option;
  }

  @Test
  void theOptionsThatTakeOneValueAreRunsOwn() {
    for (String name :
        List.of(
            WarmStartOptions.NEWMAN,
            WarmStartOptions.RUNNER,
            WarmStartOptions.COLLECTION,
            WarmStartOptions.COLLECTION_SHORT)) {
      OptionSpec option = option(name);
      assertThat(option.type()).as(name).isEqualTo(String.class);
      assertThat(option.arity().min()).as(name).isEqualTo(1);
      assertThat(option.arity().max()).as(name).isEqualTo(1);
    }
    assertThat(option(WarmStartOptions.COLLECTION_SHORT))
        .isSameAs(option(WarmStartOptions.COLLECTION));
    // The guess's defaults when neither the option nor its variable is given.
    assertThat(option(WarmStartOptions.NEWMAN).defaultValue()).isEqualTo("newman");
    assertThat(option(WarmStartOptions.RUNNER).defaultValue()).isEqualTo("auto");
  }

  @Test
  void aDryRunIsAFlagAndNewmanEnvIsRepeatable() {
    assertThat(option(WarmStartOptions.DRY_RUN).type()).isEqualTo(boolean.class);
    OptionSpec newmanEnv = option(WarmStartOptions.NEWMAN_ENV);
    assertThat(newmanEnv.isMultiValue()).isTrue();
    assertThat(newmanEnv.arity().max()).isEqualTo(1);
  }

  @Test
  void theHelpOptionsAreRunsHelpAndVersion() {
    for (String name : WarmStartOptions.HELP) {
      OptionSpec option = option(name);
      assertThat(option.usageHelp() || option.versionHelp()).as(name).isTrue();
    }
    assertThat(
            RUN.options().stream()
                .filter(option -> option.usageHelp() || option.versionHelp())
                .flatMap(option -> List.of(option.names()).stream()))
        .containsExactlyInAnyOrderElementsOf(WarmStartOptions.HELP);
  }

  @Test
  void theDefaultsComeFromTheSameVariables() {
    assertThat(EnvironmentDefaults.variablesOf(WarmStartOptions.NEWMAN))
        .containsExactly(WarmStartOptions.NEWMAN_VARIABLE);
    assertThat(EnvironmentDefaults.variablesOf(WarmStartOptions.RUNNER))
        .containsExactly(WarmStartOptions.RUNNER_VARIABLE);
    assertThat(EnvironmentDefaults.variablesOf(WarmStartOptions.COLLECTION))
        .containsExactly(WarmStartOptions.COLLECTION_VARIABLE);
    assertThat(EnvironmentDefaults.variablesOf(WarmStartOptions.DRY_RUN))
        .containsExactly(WarmStartOptions.DRY_RUN_VARIABLE);
    assertThat(EnvironmentDefaults.variablesOf(WarmStartOptions.NEWMAN_ENV))
        .containsExactly(WarmStartOptions.NEWMAN_ENV_VARIABLE);
  }
}
