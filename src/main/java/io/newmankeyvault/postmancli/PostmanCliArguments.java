package io.newmankeyvault.postmancli;

import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postmancli.PostmanCliOptions.Arity;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options given for the Postman CLI after {@code --}, read against {@link PostmanCliOptions}:
 * those it passes on, the reporters asked for, and where their files should end up. Errors name
 * options, never their values (an {@code --env-var} value may be a credential).
 */
public final class PostmanCliArguments {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");

  private final List<String> passed = new ArrayList<>();
  private final Set<String> reporters = new LinkedHashSet<>();
  private final Map<String, String> exports = new LinkedHashMap<>(); // reporter -> as given
  private final Set<String> given = new LinkedHashSet<>();

  private PostmanCliArguments() {}

  /** One file the CLI writes into the private directory, and where it is published. */
  public record StagedFile(Path staged, Path target, String name) {}

  /** The CLI's command line, and the files it will write that the tool publishes. */
  public record Invocation(List<String> arguments, List<StagedFile> files) {}

  /** Reads the options after {@code --}; a refused or unknown one is a usage error (exit 2). */
  public static PostmanCliArguments parse(List<String> args) {
    PostmanCliArguments read = new PostmanCliArguments();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("-") || arg.equals("-")) {
        throw UserFacingException.usage(
            "an argument after '--' is no option's value: the Postman CLI gets the collection"
                + " from -c, and each option after '--' is written as '--name value'");
      }
      int equals = arg.indexOf('=');
      String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
      String inline = arg.startsWith("--") && equals > 0 ? arg.substring(equals + 1) : null;
      String refusal = PostmanCliOptions.REFUSED.get(name);
      if (refusal == null && name.startsWith("--reporter-") && !known(name)) {
        refusal = "the Postman CLI's reporters are cli, json, junit and html, with no such option";
      }
      if (refusal != null) {
        throw UserFacingException.usage(
            name + " after '--' is not passed to the Postman CLI: " + refusal);
      }
      Arity arity = arity(name);
      if (arity == null) {
        throw UserFacingException.usage(
            (name.startsWith("--") ? name : name.substring(0, Math.min(2, name.length())))
                + " after '--' is not an option of the Postman CLI's collection run that"
                + " newman-keyvault passes on (write short options and their values apart:"
                + " '-r json'); see docs/usage.md#postman-v12");
      }
      String value = inline;
      if (value == null && arity != Arity.NONE) {
        boolean next = i + 1 < args.size() && !args.get(i + 1).startsWith("-");
        if (next) {
          value = args.get(++i);
        } else if (arity == Arity.ONE) {
          throw UserFacingException.usage(name + " after '--' needs a value");
        }
      } else if (value != null && arity == Arity.NONE) {
        throw UserFacingException.usage(name + " after '--' takes no value");
      }
      read.take(name, value);
    }
    return read;
  }

  private static boolean known(String name) {
    return PostmanCliOptions.PASSED.containsKey(name)
        || PostmanCliOptions.REWRITTEN.containsKey(name);
  }

  private static Arity arity(String name) {
    Arity arity = PostmanCliOptions.PASSED.get(name);
    return arity != null ? arity : PostmanCliOptions.REWRITTEN.get(name);
  }

  private void take(String name, String value) {
    given.add(name);
    switch (name) {
      case "-r", "--reporters" -> {
        for (String reporter : value.split(",", -1)) {
          String trimmed = reporter.trim();
          if (!PostmanCliOptions.REPORTERS.containsKey(trimmed)) {
            throw UserFacingException.usage(
                "-r after '--' names a reporter the Postman CLI does not have: its reporters are"
                    + " cli, json, junit and html");
          }
          reporters.add(trimmed);
        }
      }
      case "--reporter-json-export" -> exports.put("json", value);
      case "--reporter-junit-export" -> exports.put("junit", value);
      case "--reporter-html-export" -> exports.put("html", value);
      case "--export-cookie-jar" -> exports.put("cookie-jar", value);
      default -> {
        passed.add(name);
        if (value != null) {
          passed.add(value);
        }
      }
    }
  }

  /** Whether the option was given (in either spelling). */
  public boolean has(String option) {
    return given.contains(option);
  }

  /**
   * The CLI's command line: {@code collection run COLLECTION -e ENVIRONMENT}, the tool's own
   * additions, analytics and uploads off unless {@code --report-events} was given, the reporters
   * with every file export in {@code staging}, then the options given.
   *
   * @param postman the command that starts the Postman CLI
   * @param added options the tool adds ({@code -g}, CA, client certificates), passed first
   * @param reportsDir where exports with no path of their own go, or null for the CLI's default
   *     ({@code postman-cli-reports} in the working directory)
   * @param collectionName the collection's name, for the CLI's default file names
   */
  public Invocation invocation(
      List<String> postman,
      Path collection,
      Path environment,
      List<String> added,
      Path staging,
      Path reportsDir,
      String collectionName,
      LocalDateTime now) {
    List<String> command = new ArrayList<>(postman);
    command.addAll(
        List.of("collection", "run", collection.toString(), "-e", environment.toString()));
    command.addAll(added);
    if (!has("--report-events") && !has("--no-report-events")) {
      command.add("--no-report-events");
    }
    List<StagedFile> files = new ArrayList<>();
    if (!reporters.isEmpty()) {
      command.addAll(List.of("-r", String.join(",", reporters)));
    }
    Path defaults =
        (reportsDir != null ? reportsDir : Path.of("postman-cli-reports")).toAbsolutePath();
    String base = slug(collectionName) + "-" + STAMP.format(now);
    int n = 0;
    for (String reporter : reporters) {
      String extension = PostmanCliOptions.REPORTERS.get(reporter);
      if (extension.isEmpty()) {
        continue; // cli: the console, through the redactor
      }
      String asked = exports.get(reporter);
      Path target =
          asked == null
              ? defaults.resolve(base + "." + extension)
              : Path.of(asked).toAbsolutePath();
      Path staged = staging.resolve(++n + "-" + reporter + "." + extension);
      files.add(new StagedFile(staged, target, reporter + "-reporter"));
      command.addAll(List.of("--reporter-" + reporter + "-export", staged.toString()));
    }
    String jar = exports.get("cookie-jar");
    if (jar != null) {
      Path staged = staging.resolve(++n + "-cookie-jar.json");
      files.add(new StagedFile(staged, Path.of(jar).toAbsolutePath(), "cookie-jar"));
      command.addAll(List.of("--export-cookie-jar", staged.toString()));
    }
    command.addAll(passed);
    return new Invocation(List.copyOf(command), List.copyOf(files));
  }

  /** The CLI's default report name: the collection's name with runs of other characters as '-'. */
  static String slug(String name) {
    String slug = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? "collection" : slug.toLowerCase(Locale.ROOT);
  }
}
