package io.newmankeyvault.newman;

import io.newmankeyvault.base.UserFacingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Newman command line: {@code <newman> run <collection> --environment <hand-over>}, an export
 * path under the reports directory for each file reporter that has none, and the options the user
 * passed after {@code --}. Secrets never appear on it.
 *
 * @param newman the command that starts Newman, e.g. {@code [newman]} or {@code [npx, newman]}
 * @param collection the collection file
 * @param environment the hand-over path
 * @param reportsDir where reports go, or null
 * @param passThrough the options after {@code --}
 * @param resultsPipe where Newman's JSON reporter writes for the tool's own summary (a named pipe),
 *     or null; unused when the user asked for the JSON reporter (their report is read)
 */
public record NewmanInvocation(
    List<String> newman,
    Path collection,
    Path environment,
    Path reportsDir,
    List<String> passThrough,
    Path resultsPipe) {

  /** Reporters that print to the terminal and write no file. */
  private static final Set<String> TERMINAL_REPORTERS = Set.of("cli", "progress", "emojitrain");

  /**
   * Refuses options after {@code --} that would defeat the tool: a second environment, or an export
   * of the environment or globals (which would write every secret to a file).
   */
  public static void checkPassThrough(List<String> passThrough) {
    for (String arg : passThrough) {
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (option) {
        case "-e", "--environment" ->
            throw UserFacingException.usage(
                "pass the environment with newman-keyvault's --environment, not after '--': the"
                    + " tool hands Newman the hydrated one");
        case "--export-environment", "--export-globals" ->
            throw UserFacingException.usage(
                option
                    + " would write every secret to a file in clear text; it is refused (use"
                    + " --reports-dir for reports, which are redacted)");
        default -> {}
      }
    }
  }

  /** The full argument list. */
  public List<String> arguments() {
    List<String> args = new ArrayList<>(newman);
    args.add("run");
    args.add(collection.toString());
    args.add("--environment");
    args.add(environment.toString());
    if (reportsDir != null) {
      for (String reporter : fileReporters()) {
        args.add("--reporter-" + reporter + "-export");
        args.add(reportsDir.toString());
      }
    }
    if (capturesResults()) {
      List<String> withJson = new ArrayList<>(passThrough);
      int at = reportersOptionIndex();
      if (at < 0) {
        args.add("--reporters");
        args.add("cli,json");
      } else if (withJson.get(at).startsWith("--reporters=")) {
        withJson.set(at, withJson.get(at) + ",json");
      } else {
        withJson.set(at + 1, withJson.get(at + 1) + ",json");
      }
      args.add("--reporter-json-export");
      args.add(resultsPipe.toString());
      args.addAll(withJson);
      return args;
    }
    args.addAll(passThrough);
    return args;
  }

  /** Whether the tool adds the JSON reporter itself, writing into {@link #resultsPipe}. */
  public boolean capturesResults() {
    return resultsPipe != null && !namedReporters().contains("json");
  }

  /** Where the user's own JSON report goes, when they asked for one: a file or a directory. */
  public Path userJsonReport(Path workingDirectory) {
    if (!namedReporters().contains("json")) {
      return null;
    }
    for (int i = 0; i < passThrough.size(); i++) {
      String arg = passThrough.get(i);
      if (arg.startsWith("--reporter-json-export=")) {
        return workingDirectory.resolve(arg.substring(arg.indexOf('=') + 1));
      }
      if (arg.equals("--reporter-json-export") && i + 1 < passThrough.size()) {
        return workingDirectory.resolve(passThrough.get(i + 1));
      }
    }
    return workingDirectory.resolve(reportsDir != null ? reportsDir : Path.of("newman"));
  }

  private int reportersOptionIndex() {
    for (int i = 0; i < passThrough.size(); i++) {
      String arg = passThrough.get(i);
      if (arg.startsWith("--reporters=")
          || ((arg.equals("-r") || arg.equals("--reporters")) && i + 1 < passThrough.size())) {
        return i;
      }
    }
    return -1;
  }

  /** Every reporter named by {@code -r}/{@code --reporters}; {@code cli} when none is. */
  private Set<String> namedReporters() {
    int at = reportersOptionIndex();
    if (at < 0) {
      return Set.of("cli");
    }
    String arg = passThrough.get(at);
    String value =
        arg.startsWith("--reporters=")
            ? arg.substring("--reporters=".length())
            : passThrough.get(at + 1);
    Set<String> names = new LinkedHashSet<>();
    for (String name : value.split(",")) {
      if (!name.isBlank()) {
        names.add(name.strip());
      }
    }
    return names;
  }

  /**
   * Every place Newman's reporters may write: the reports directory, each {@code
   * --reporter-NAME-export} path, and Newman's default {@code newman/} directory when a file
   * reporter has nowhere else to go.
   */
  public Set<Path> reportLocations(Path workingDirectory) {
    Set<Path> locations = new LinkedHashSet<>();
    if (reportsDir != null) {
      locations.add(workingDirectory.resolve(reportsDir));
    }
    for (int i = 0; i < passThrough.size(); i++) {
      String arg = passThrough.get(i);
      if (arg.startsWith("--reporter-") && arg.contains("-export")) {
        String path =
            arg.contains("=")
                ? arg.substring(arg.indexOf('=') + 1)
                : i + 1 < passThrough.size() ? passThrough.get(i + 1) : null;
        if (path != null && !path.isBlank()) {
          locations.add(workingDirectory.resolve(path));
        }
      }
    }
    if (reportsDir == null && !fileReporters().isEmpty()) {
      locations.add(workingDirectory.resolve("newman"));
    }
    return locations;
  }

  /**
   * The reporters named by {@code -r}/{@code --reporters} that write files and have no {@code
   * --reporter-NAME-export} of their own; Newman names the files when the export is a directory.
   */
  Set<String> fileReporters() {
    Set<String> reporters = new LinkedHashSet<>();
    Set<String> exported = new LinkedHashSet<>();
    for (int i = 0; i < passThrough.size(); i++) {
      String arg = passThrough.get(i);
      String value = null;
      if ((arg.equals("-r") || arg.equals("--reporters")) && i + 1 < passThrough.size()) {
        value = passThrough.get(++i);
      } else if (arg.startsWith("--reporters=")) {
        value = arg.substring("--reporters=".length());
      } else if (arg.startsWith("--reporter-") && arg.contains("-export")) {
        String name = arg.substring("--reporter-".length(), arg.indexOf("-export"));
        exported.add(name);
      }
      if (value != null) {
        for (String reporter : value.split(",")) {
          if (!reporter.isBlank() && !TERMINAL_REPORTERS.contains(reporter.strip())) {
            reporters.add(reporter.strip());
          }
        }
      }
    }
    reporters.removeAll(exported);
    return reporters;
  }
}
