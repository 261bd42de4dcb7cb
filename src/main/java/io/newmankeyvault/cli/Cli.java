package io.newmankeyvault.cli;

import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.NameSuggestions;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.redact.Output;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the picocli command tree and turns every outcome into an exit code: one error handler for
 * exceptions, one for bad parameters, both printing through the redactor.
 */
public final class Cli {
  private Cli() {}

  /** Runs the command line and returns the exit code. */
  public static int execute(
      Output output, Map<String, String> environment, Services services, String... args) {
    RunCommand run = new RunCommand(output, environment, services);
    AuditCommand audit = new AuditCommand(output, environment, services);
    FetchCommand fetch = new FetchCommand(output, environment, services);
    // Set once the command line is parsed: the command's --verbose asks for stack traces.
    AtomicBoolean verbose = new AtomicBoolean();
    UserWords words = new UserWords(environment, args);
    CommandLine commandLine =
        commandLine(output, environment, run, audit, fetch)
            .setExecutionStrategy(
                parseResult -> {
                  verbose.set(VerboseOption.requested(parseResult));
                  return VerboseOption.execute(parseResult, output);
                })
            .setExecutionExceptionHandler(
                (exception, cmd, parseResult) -> handle(exception, output, verbose.get()))
            .setParameterExceptionHandler(
                (exception, arguments) -> handle(exception, output, words));
    CommandLine named = args.length > 0 ? commandLine.getSubcommands().get(args[0]) : null;
    CommandSpec spec = (named == null ? commandLine : named).getCommandSpec();
    output.sayErrorsIn(line -> words.of(line, spec));
    try {
      return commandLine.execute(args);
    } catch (LinkageError | RuntimeException e) {
      // picocli hands Errors (a class missing from the jar, say) back; they are bugs too.
      return handle(
          e instanceof RuntimeException r ? r : new IllegalStateException(e),
          output,
          verbose.get());
    }
  }

  /** The command line as it parses and prints help: its handlers are the caller's. */
  static CommandLine commandLine(
      Output output,
      Map<String, String> environment,
      RunCommand run,
      AuditCommand audit,
      FetchCommand fetch) {
    CommandLine commandLine =
        new CommandLine(new NewmanKeyvaultCommand())
            .addSubcommand("run", run)
            .addSubcommand("audit", audit)
            .addSubcommand("fetch", fetch)
            .setDefaultValueProvider(new EnvironmentDefaults(environment))
            .setOut(
                new PrintWriter(
                    new OutputStreamWriter(output.stdout(), Charset.defaultCharset()), true))
            .setErr(
                new PrintWriter(
                    new OutputStreamWriter(output.stderr(), Charset.defaultCharset()), true));
    ExitCodes.list(commandLine, ExitCodes.RUN);
    ExitCodes.list(commandLine.getSubcommands().get("run"), ExitCodes.RUN);
    ExitCodes.list(commandLine.getSubcommands().get("audit"), ExitCodes.AUDIT);
    ExitCodes.list(commandLine.getSubcommands().get("fetch"), ExitCodes.FETCH);
    AuditCommand.dropRunOnlyOptions(commandLine.getSubcommands().get("audit"));
    VerboseOption.describe(commandLine);
    HelpLayout.apply(commandLine, HelpLayout.width(environment));
    return commandLine;
  }

  private static int handle(Exception exception, Output output, boolean verbose) {
    if (verbose) {
      output.stackTrace(exception);
    }
    if (exception instanceof UserFacingException failure) {
      output.error(failure.getMessage());
      return ExitCodes.of(failure.kind());
    }
    // Only the class: a message from inside a library may quote input.
    output.error(
        "internal error ("
            + exception.getClass().getName()
            + "): this is a bug in newman-keyvault; rerun with --verbose and report it");
    return ExitCode.INTERNAL;
  }

  private static int handle(ParameterException exception, Output output, UserWords words) {
    String message = null;
    if (exception instanceof UnmatchedArgumentException unmatched) {
      message = describeUnmatched(unmatched.getUnmatched(), exception.getCommandLine());
    } else if (exception.getCause() instanceof TypeConversionException conversion
        && exception.getArgSpec() != null
        && exception.getArgSpec().converters().length > 0) {
      // One of ours (PairConverters): its message names the option and never the value, and
      // reads as it did when the command checked the option itself.
      output.error(conversion.getMessage());
      return ExitCode.USAGE;
    } else if (exception.getArgSpec() instanceof OptionSpec option
        && (option.type() == boolean.class || option.type() == Boolean.class)) {
      message = words.notABoolean(option, exception.getValue());
    }
    if (message == null) {
      message = exception.getMessage();
    }
    CommandLine command = exception.getCommandLine();
    if (words.where() == UserWords.Where.ACTION) {
      // No --help to read in a workflow: the inputs are the words.
      output.error(message);
      return ExitCode.USAGE;
    }
    String help =
        command.getParent() == null
            ? "newman-keyvault --help"
            : "newman-keyvault " + command.getCommandName() + " --help";
    output.error(message + " (see '" + help + "')");
    return ExitCode.USAGE;
  }

  /** What an option name and a command name look like: never a pasted value. */
  private static final Pattern OPTION_NAME = Pattern.compile("--[a-z][a-z0-9-]{0,39}|-[A-Za-z]");

  private static final Pattern COMMAND_NAME = Pattern.compile("[a-z]{1,20}");

  /**
   * Names an unknown option without its value (which may be a key pasted on the command line) and
   * the closest known one; names an unknown command only when it looks like a command; never echoes
   * any other stray argument.
   */
  static String describeUnmatched(List<String> unmatched, CommandLine command) {
    if (unmatched.isEmpty()) {
      return "unexpected argument";
    }
    String first = unmatched.get(0);
    if (first.startsWith("-")) {
      int eq = first.indexOf('=');
      String option = eq > 0 ? first.substring(0, eq) : first;
      if (!OPTION_NAME.matcher(option).matches()) {
        return "unknown option";
      }
      if (command.getCommandName().equals("run") && NewmanRunOptions.contains(option)) {
        return option + " is a 'newman run' option: put it after '--'";
      }
      return "unknown option "
          + option
          + NameSuggestions.closest(option, command.getCommandSpec().optionsMap().keySet())
              .map(name -> "; did you mean " + name + "?")
              .orElse("");
    }
    if (command.getParent() == null) {
      Set<String> commands = command.getSubcommands().keySet();
      if (!COMMAND_NAME.matcher(first).matches()) {
        return "unexpected argument: name a command first (" + String.join(", ", commands) + ")";
      }
      return "unknown command '"
          + first
          + "'"
          + NameSuggestions.closest(first, commands)
              .map(name -> "; did you mean '" + name + "'?")
              .orElse(": the commands are " + String.join(", ", commands));
    }
    return "unexpected argument (options for Newman go after '--')";
  }
}
