package io.newmankeyvault.cli;

import io.newmankeyvault.base.ShutdownHooks;
import io.newmankeyvault.newman.WarmNewman;
import io.newmankeyvault.postman.RetryPolicy;

/**
 * What the commands take from outside the command line: the Postman API's retry policy, the
 * process's shutdown hooks and a Newman started before the command line was parsed. {@link
 * #production()} in the tool; tests pass a faster policy.
 */
public record Services(
    RetryPolicy postmanRetries, ShutdownHooks shutdownHooks, WarmNewman warmNewman) {
  /** The tool's own: {@link RetryPolicy#DEFAULT} and the JVM's shutdown hooks, no warm Newman. */
  public static Services production() {
    return production(WarmNewman.none());
  }

  /** The tool's own, with the Newman process {@code Main} started before parsing. */
  public static Services production(WarmNewman warmNewman) {
    return new Services(RetryPolicy.DEFAULT, new JvmShutdownHooks(), warmNewman);
  }
}
