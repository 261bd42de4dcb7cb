package io.newmankeyvault.cli;

import io.newmankeyvault.base.ShutdownHooks;
import io.newmankeyvault.postman.RetryPolicy;

/**
 * What the commands take from outside the command line: the Postman API's retry policy and the
 * process's shutdown hooks. {@link #production()} in the tool; tests pass a faster policy.
 */
public record Services(RetryPolicy postmanRetries, ShutdownHooks shutdownHooks) {
  /** The tool's own: {@link RetryPolicy#DEFAULT} and the JVM's shutdown hooks. */
  public static Services production() {
    return new Services(RetryPolicy.DEFAULT, new JvmShutdownHooks());
  }
}
