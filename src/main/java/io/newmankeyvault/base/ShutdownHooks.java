package io.newmankeyvault.base;

/**
 * Where a run registers the cleanup that must also happen when the process is stopped (SIGINT,
 * SIGTERM): the command layer passes the JVM's shutdown hooks, a test its own.
 */
@FunctionalInterface
public interface ShutdownHooks {
  /** Runs {@code cleanup} if the process is stopped before the returned registration is closed. */
  Registration register(Runnable cleanup);

  /** A registered cleanup; closing withdraws it (the run has cleaned up itself). */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
