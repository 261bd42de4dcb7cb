package io.newmankeyvault;

import io.newmankeyvault.ci.CiSystem;
import io.newmankeyvault.cli.Cli;
import io.newmankeyvault.redact.Output;
import java.io.PrintStream;
import java.util.Map;

/** The process entry: wires stdout, stderr and the environment to {@link #run}. */
public final class Main {
  private Main() {}

  public static void main(String... args) {
    System.exit(run(System.out, System.err, System.getenv(), args));
  }

  /** Runs the tool with injected streams and environment; returns the exit code. */
  public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    return Cli.execute(new Output(out, err, CiSystem.detect(env)), env, args);
  }
}
