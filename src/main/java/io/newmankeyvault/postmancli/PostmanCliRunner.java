package io.newmankeyvault.postmancli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.newman.RunnerProcess;
import io.newmankeyvault.postmancli.PostmanCliArguments.Invocation;
import io.newmankeyvault.postmancli.PostmanCliArguments.StagedFile;
import io.newmankeyvault.redact.Redactor;
import io.newmankeyvault.reports.ReportScrubber;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the Postman CLI as a child process: its output streamed through the redactor, every file it
 * writes staged in the private directory and published by the {@link ReportScrubber} (redacted,
 * leak-gated), its exit code mapped (0 and 1 are its own; anything else is {@link ExitCode#NEWMAN},
 * "the runner could not run"). The CLI loads no code of the tool's, so it runs under a small shell
 * that ends it when the tool's end of its stdin closes: if the tool dies, the CLI dies with it, and
 * the shell removes the private directory (the hydrated environment, the unredacted staged reports)
 * that the dead tool can no longer remove, as Newman's guard does. One runner runs one CLI, once.
 */
public final class PostmanCliRunner extends RunnerProcess {
  /**
   * Starts "$@" with no stdin and stops it when this shell's stdin (the tool's pipe) reaches its
   * end; exits with its exit code. An asynchronous list gets /dev/null as stdin unless redirected,
   * hence fd 3. The tool writes {@link #STOP} before it closes the pipe when it stops the CLI
   * itself (and then publishes the staged reports and removes the private directory); an end with
   * no such line means the tool died (SIGKILL, a crash): the watcher then removes the private
   * directory, $1, itself, ignoring the shell's own kill until the CLI is gone.
   */
  static final String WATCH =
      """
      dir=$1
      shift
      exec 3<&0
      "$@" </dev/null 3<&- &
      child=$!
      {
        stop=
        while read -r line; do [ "$line" = stop ] && stop=1; done
        if [ -n "$stop" ]; then kill -TERM "$child" 2>/dev/null; exit 0; fi
        trap '' TERM
        kill -TERM "$child" 2>/dev/null
        case "${dir##*/}" in newman-keyvault-*) ;; *) exit 0 ;; esac
        rm -rf "$dir"
        n=0
        while kill -0 "$child" 2>/dev/null && [ "$n" -lt 50 ]; do
          sleep 0.1 2>/dev/null || sleep 1; n=$((n + 1))
        done
        kill -0 "$child" 2>/dev/null && kill -KILL "$child"
        rm -rf "$dir"
      } <&3 &
      watcher=$!
      exec 3<&-
      wait "$child"; code=$?
      kill "$watcher" 2>/dev/null
      exit "$code"
      """;

  /** The line that tells the watcher the tool itself stops the CLI, and lives on. */
  static final String STOP = "stop";

  private final Map<String, String> environment;

  /**
   * @param environment the CLI's environment (an allow-list, see {@code NewmanEnvironment})
   */
  public PostmanCliRunner(
      PrintStream out, PrintStream err, Redactor redactor, Map<String, String> environment) {
    super("the Postman CLI", out, err, redactor);
    this.environment = Map.copyOf(environment);
  }

  /**
   * Starts the CLI with its output held back until {@link #finish}; the files it will write are
   * listed in {@code staging}'s manifest first, so that they are published even after a stop.
   */
  public void start(Invocation invocation, Path staging) {
    start(invocation, staging, null);
  }

  /**
   * Like {@link #start(Invocation, Path)}, with {@code home} as the CLI's {@code HOME} (null: the
   * tool's): the CLI writes its log and settings under {@code ~/.postman}. The image's {@code
   * postman} keeps finding the CLI it installed under the real home ({@code NKV_POSTMAN_CLI_HOME}).
   */
  public void start(Invocation invocation, Path staging, Path home) {
    try {
      Files.createDirectories(staging);
      writeManifest(invocation.files(), staging);
    } catch (IOException e) {
      throw UserFacingException.cannotPrepare(e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(watched(staging.toAbsolutePath().getParent(), invocation.arguments()))
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().clear();
    builder.environment().putAll(environment);
    if (home != null) {
      String realHome = environment.get("HOME");
      if (realHome != null && !environment.containsKey("NKV_POSTMAN_CLI_HOME")) {
        builder
            .environment()
            .put("NKV_POSTMAN_CLI_HOME", realHome + "/.cache/newman-keyvault/postman-cli");
      }
      builder.environment().put("HOME", home.toString());
    }
    Process started;
    try {
      started = launch(staging, "stopped before the Postman CLI started", builder::start);
    } catch (IOException e) {
      throw new UserFacingException(
          FailureKind.NEWMAN, "could not start /bin/sh for the Postman CLI");
    }
    pump(started, "postman");
  }

  /**
   * The shell that runs {@code command} under the watcher, {@code privateDirectory} (where the
   * staging directory is) removed if the tool dies.
   */
  static List<String> watched(Path privateDirectory, List<String> command) {
    List<String> watched =
        new ArrayList<>(
            List.of("/bin/sh", "-c", WATCH, "postman-cli", privateDirectory.toString()));
    watched.addAll(command);
    return watched;
  }

  private static void writeManifest(List<StagedFile> files, Path staging) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (StagedFile file : files) {
      ObjectNode entry = Json.MAPPER.createObjectNode();
      entry.put("staged", file.staged().toString());
      entry.put("target", file.target().toString());
      entry.put("name", file.name());
      lines.append(Json.MAPPER.writeValueAsString(entry)).append('\n');
    }
    Files.writeString(staging.resolve(ReportScrubber.MANIFEST), lines, StandardCharsets.UTF_8);
  }

  /**
   * Lets the CLI's output through, waits for it to end and returns the tool's exit code for it.
   *
   * @param command how the CLI was named, for the error when it is not installed
   */
  public int finish(String command) {
    try {
      int code = awaitExit();
      if (code == 126 || code == 127) {
        throw new UserFacingException(
            FailureKind.NEWMAN,
            "could not start the Postman CLI ('"
                + command
                + "'): install it (npm install --global postman-cli) or point --postman-cli"
                + " at it");
      }
      return exitCode(code);
    } catch (InterruptedException e) {
      throw interrupted();
    }
  }

  /**
   * Stops the CLI and its children; safe from a shutdown hook, and more than once. The {@link
   * #STOP} line tells the watcher that the tool stops the CLI (the private directory is the tool's
   * to remove), and the end of its stdin that follows makes it end the CLI.
   */
  @Override
  public void stop() {
    stopProcess(STOP);
  }
}
