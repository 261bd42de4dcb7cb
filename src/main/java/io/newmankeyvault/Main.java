package io.newmankeyvault;

import io.newmankeyvault.ci.CiSystem;
import io.newmankeyvault.ci.MaskCommands;
import io.newmankeyvault.cli.Cli;
import io.newmankeyvault.cli.Services;
import io.newmankeyvault.keyvault.AzureSdkSettings;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.newman.WarmNewman;
import io.newmankeyvault.redact.Output;
import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Stream;

/** The process entry: wires stdout, stderr and the environment to {@link #run}. */
public final class Main {
  private Main() {}

  public static void main(String... args) {
    // First of all: Newman's modules load while the JVM starts and parses (see WarmNewman).
    Map<String, String> env = System.getenv();
    WarmNewman warm = WarmNewman.start(args, env);
    // Process-wide settings, before any library reads them.
    Stream.of(AzureSdkSettings.systemProperties(), Proxies.systemProperties())
        .flatMap(settings -> settings.entrySet().stream())
        .forEach(
            setting -> {
              if (System.getProperty(setting.getKey()) == null) {
                System.setProperty(setting.getKey(), setting.getValue());
              }
            });
    int code;
    try {
      code = run(System.out, System.err, env, Services.production(warm), args);
    } finally {
      warm.discard(); // unless the run took it
    }
    System.exit(code);
  }

  /** Runs the tool with injected streams and environment; returns the exit code. */
  public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
    return run(out, err, env, Services.production(), args);
  }

  /**
   * Like {@link #run(PrintStream, PrintStream, Map, String...)}, with the services injected too.
   */
  public static int run(
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Services services,
      String... args) {
    CiSystem ci = CiSystem.detect(env);
    return Cli.execute(
        new Output(out, err, value -> MaskCommands.forValue(ci, value)), env, services, args);
  }
}
