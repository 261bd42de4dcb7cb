package io.newmankeyvault.newman;

import io.newmankeyvault.base.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Newman's Node process started before the command line is even parsed, so that loading Newman's
 * modules (about 0.3 s, most of Newman's start) overlaps the JVM's own start. It runs the guard
 * ({@link NewmanGuard}) as its bootstrap, which loads Newman's library under its hooks and then
 * waits for one line on its stdin (Newman's arguments and the guard's configuration); then it runs
 * Newman's own {@code bin/newman.js} as the main module, exactly as {@code newman ARGS} would. Its
 * stdin stays open for as long as the tool lives: a run that turns out to need another Newman, or
 * none, closes it before that line and the bootstrap exits without a word; once Newman runs, its
 * end means the tool died, and Newman dies at once.
 *
 * <p>Only a plain Newman installation qualifies: the {@code --newman} command (or {@code
 * NKV_NEWMAN}, or {@code newman} on the PATH) must be one word that resolves to Newman's {@code
 * bin/newman.js}. Wrappers ({@code npx newman}, scripts) start as before.
 */
public final class WarmNewman {
  private static final WarmNewman NONE = new WarmNewman(null, null, null, null);

  private final List<String> newman;
  private final Path script; // the newman.js it runs, found on the PATH at start
  private final Map<String, String> environment;
  private Process process;

  private WarmNewman(
      List<String> newman, Path script, Map<String, String> environment, Process process) {
    this.newman = newman;
    this.script = script;
    this.environment = environment;
    this.process = process;
  }

  /** No warm process: Newman starts when the run asks for it. */
  public static WarmNewman none() {
    return NONE;
  }

  /**
   * Starts the bootstrap when {@code args} are a {@code run} that will start Newman (not a dry run,
   * not help) with a plain Newman installation; else {@link #none()}. Never fails.
   *
   * @param args the tool's command line, unparsed
   * @param environment the tool's environment
   */
  public static WarmNewman start(String[] args, Map<String, String> environment) {
    List<String> newman = newmanCommand(args, environment);
    if (newman == null) {
      return NONE;
    }
    Path script = NewmanScript.resolve(newman.get(0), environment);
    if (script == null) {
      return NONE;
    }
    Map<String, String> childEnvironment =
        NewmanEnvironment.of(environment, newmanEnvironmentNames(args, environment));
    ProcessBuilder builder =
        new ProcessBuilder("node", "-e", NewmanGuard.source(), script.toString())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().clear();
    builder.environment().putAll(childEnvironment);
    try {
      return new WarmNewman(newman, script, childEnvironment, builder.start());
    } catch (IOException e) {
      return NONE; // no node on the PATH: the run says so when it starts Newman
    }
  }

  /**
   * The Newman command this command line will use, when it is a {@code run} that starts Newman;
   * else null. Only a guess before the command line is checked, from the options named in {@link
   * WarmStartOptions} (the real options' names): {@link #claim} compares it with the checked one.
   */
  static List<String> newmanCommand(String[] args, Map<String, String> environment) {
    if (args.length == 0 || !args[0].equals(WarmStartOptions.RUN)) {
      return null;
    }
    String newman = environment.getOrDefault(WarmStartOptions.NEWMAN_VARIABLE, "newman");
    String runner = environment.getOrDefault(WarmStartOptions.RUNNER_VARIABLE, "auto");
    String collection = environment.getOrDefault(WarmStartOptions.COLLECTION_VARIABLE, "");
    if (environment
        .getOrDefault(WarmStartOptions.DRY_RUN_VARIABLE, "")
        .strip()
        .equalsIgnoreCase("true")) {
      return null;
    }
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        break;
      }
      String next = i + 1 < args.length ? args[i + 1] : "";
      int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
      String name = equals > 0 ? arg.substring(0, equals) : arg;
      String inline = equals > 0 ? arg.substring(equals + 1) : null;
      if (WarmStartOptions.HELP.contains(arg) || name.equals(WarmStartOptions.DRY_RUN)) {
        return null;
      } else if (name.equals(WarmStartOptions.NEWMAN)) {
        newman = inline != null ? inline : next.isEmpty() ? newman : next;
      } else if (name.equals(WarmStartOptions.RUNNER)) {
        runner = inline != null ? inline : next;
      } else if (name.equals(WarmStartOptions.COLLECTION)
          || arg.equals(WarmStartOptions.COLLECTION_SHORT)) {
        collection = inline != null ? inline : next;
      }
    }
    // The Postman CLI runs v3 folders (auto) and whatever --runner postman-cli names.
    boolean postmanCli =
        runner.strip().equalsIgnoreCase("postman-cli")
            || (runner.strip().equalsIgnoreCase("auto") && looksLikeV3(collection));
    return postmanCli || newman.isBlank() || newman.contains(" ") ? null : List.of(newman);
  }

  /** A v3 collection is a folder of YAML files, or one of them: never a JSON file. */
  private static boolean looksLikeV3(String collection) {
    String lower = collection.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".yaml")
        || lower.endsWith(".yml")
        || (!collection.isEmpty() && Files.isDirectory(Path.of(collection)));
  }

  /**
   * The {@code --newman-env} names this command line passes on (else the lines of {@code
   * NKV_NEWMAN_ENV}); a guess, like {@link #newmanCommand}: {@link #claim} compares the result.
   */
  static List<String> newmanEnvironmentNames(String[] args, Map<String, String> environment) {
    List<String> names = new ArrayList<>();
    String inline = WarmStartOptions.NEWMAN_ENV + "=";
    for (int i = 1; i < args.length && !args[i].equals("--"); i++) {
      if (args[i].equals(WarmStartOptions.NEWMAN_ENV) && i + 1 < args.length) {
        names.add(args[++i].strip());
      } else if (args[i].startsWith(inline)) {
        names.add(args[i].substring(inline.length()).strip());
      }
    }
    if (names.isEmpty()) {
      environment
          .getOrDefault(WarmStartOptions.NEWMAN_ENV_VARIABLE, "")
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .forEach(names::add);
    }
    return names;
  }

  /**
   * The warm process, given Newman's arguments and the guard's configuration, when it was started
   * for the same Newman and environment; else null (and the warm process, if any, is stopped).
   * Once. Its stdin stays open: closing it stops Newman.
   *
   * @param invocation the checked command line
   * @param childEnvironment the environment Newman is to get
   * @param guard the run's guard
   */
  synchronized Process claim(
      NewmanInvocation invocation, Map<String, String> childEnvironment, NewmanGuard guard) {
    Process warm = process;
    process = null;
    if (warm == null) {
      return null;
    }
    List<String> arguments = invocation.arguments();
    boolean same =
        invocation.newman().equals(newman)
            // The same command and environment (PATH included) find the same newman.js.
            && environment.equals(childEnvironment)
            && warm.isAlive();
    if (!same) {
      discard(warm);
      return null;
    }
    Map<String, Object> start = new LinkedHashMap<>();
    start.put("argv", arguments.subList(newman.size(), arguments.size()));
    start.put("config", guard.config());
    try {
      OutputStream stdin = warm.getOutputStream();
      stdin.write(Json.MAPPER.writeValueAsBytes(start));
      stdin.write('\n');
      stdin.flush();
    } catch (IOException e) {
      discard(warm); // it died: start afresh
      return null;
    }
    return warm;
  }

  /** Stops a warm process nobody claimed: its stdin closes and it exits, printing nothing. */
  public synchronized void discard() {
    Process warm = process;
    process = null;
    if (warm != null) {
      discard(warm);
    }
  }

  private static void discard(Process warm) {
    try {
      warm.getOutputStream().close();
    } catch (IOException e) {
      // Gone already.
    }
    try {
      if (!warm.waitFor(2, TimeUnit.SECONDS)) {
        warm.destroyForcibly();
      }
    } catch (InterruptedException e) {
      warm.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The version of the Newman installation a one-word command ({@code newman}, a path) starts, from
   * its {@code package.json}; empty for wrappers ({@code npx newman}, scripts) and on any doubt.
   * The {@code newman.js} found at start is used again when the command is the one guessed then.
   */
  public Optional<String> installedVersion(List<String> command, Map<String, String> environment) {
    Path found =
        script != null && command.equals(newman)
            ? script
            : command.size() == 1 ? NewmanScript.resolve(command.get(0), environment) : null;
    if (found == null) {
      return Optional.empty();
    }
    try {
      String version =
          Json.MAPPER
              .readTree(found.getParent().resolveSibling("package.json").toFile())
              .path("version")
              .asText("");
      return version.matches("[0-9A-Za-z.+-]{1,40}") ? Optional.of(version) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Finds {@code newman.js} behind a command, as a shell would find the command. */
  static final class NewmanScript {
    private NewmanScript() {}

    /** The real path of Newman's {@code bin/newman.js} behind {@code command}, or null. */
    static Path resolve(String command, Map<String, String> environment) {
      Path found = null;
      if (command.contains("/")) {
        found = Path.of(command);
      } else {
        String path = environment.getOrDefault("PATH", "");
        for (String directory : path.split(":")) {
          Path candidate = Path.of(directory.isEmpty() ? "." : directory, command);
          if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
            found = candidate;
            break;
          }
        }
      }
      if (found == null) {
        return null;
      }
      try {
        Path real = found.toRealPath();
        boolean isNewman =
            real.getFileName().toString().equals("newman.js")
                && real.getParent() != null
                && real.getParent().getFileName().toString().equals("bin")
                && Files.isRegularFile(real.getParent().resolveSibling("package.json"))
                && Files.isRegularFile(real.getParent().resolveSibling("index.js"));
        return isNewman ? real : null;
      } catch (IOException e) {
        return null;
      }
    }
  }
}
