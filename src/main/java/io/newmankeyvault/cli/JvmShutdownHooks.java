package io.newmankeyvault.cli;

import io.newmankeyvault.base.ShutdownHooks;

/** The JVM's shutdown hooks: what a stop of the process (SIGINT, SIGTERM) runs. */
final class JvmShutdownHooks implements ShutdownHooks {
  @Override
  public Registration register(Runnable cleanup) {
    Thread hook = new Thread(cleanup, "newman-keyvault-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    return () -> {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is running or has run.
      }
    };
  }
}
