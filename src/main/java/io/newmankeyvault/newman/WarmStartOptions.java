package io.newmankeyvault.newman;

import java.util.Set;

/**
 * The options of {@code run} that {@link WarmNewman} reads before picocli parses the command line,
 * and the environment variables of their defaults: the picocli annotations of these options name
 * them with these constants, so a rename renames both (a test checks the command's model against
 * this set). A picocli parse would be the one reader, but even a model of these options alone costs
 * 50 ms of CPU or more before Node could start (see docs/performance.md), so the warm start reads
 * them by hand.
 */
public final class WarmStartOptions {
  /** The command that starts a runner. */
  public static final String RUN = "run";

  /** The command that starts Newman. */
  public static final String NEWMAN = "--newman";

  /** Which runner runs the collection. */
  public static final String RUNNER = "--runner";

  /** The collection, whose kind decides the runner under {@code --runner auto}. */
  public static final String COLLECTION = "--collection";

  /** {@link #COLLECTION}'s short name. */
  public static final String COLLECTION_SHORT = "-c";

  /** Plan only: no runner starts. */
  public static final String DRY_RUN = "--dry-run";

  /** The environment variables passed on to the runner. */
  public static final String NEWMAN_ENV = "--newman-env";

  /** picocli's standard help options ({@code mixinStandardHelpOptions}): no runner starts. */
  public static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

  /** The default of {@link #NEWMAN}. */
  public static final String NEWMAN_VARIABLE = "NKV_NEWMAN";

  /** The default of {@link #RUNNER}. */
  public static final String RUNNER_VARIABLE = "NKV_RUNNER";

  /** The default of {@link #COLLECTION}. */
  public static final String COLLECTION_VARIABLE = "NKV_COLLECTION";

  /** The default of {@link #DRY_RUN}. */
  public static final String DRY_RUN_VARIABLE = "NKV_DRY_RUN";

  /** The lines that are {@link #NEWMAN_ENV}'s default. */
  public static final String NEWMAN_ENV_VARIABLE = "NKV_NEWMAN_ENV";

  private WarmStartOptions() {}
}
