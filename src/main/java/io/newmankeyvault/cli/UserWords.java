package io.newmankeyvault.cli;

import io.newmankeyvault.ci.CiSystem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Says an option in the words the user wrote: as the GitHub Action, the action input that sets it
 * ({@code key-vault:}); in an Azure Pipelines job, the step's variable ({@code NKV_KEY_VAULT}). One
 * mapping for every message: option (picocli's model) to its variables ({@link
 * EnvironmentDefaults#variablesOf}) to the action's input ({@link #ACTION_INPUTS}, action.yml's
 * {@code runs.env}).
 */
final class UserWords {
  /** Where the command line came from. */
  enum Where {
    /** The GitHub Action: {@code GITHUB_ACTIONS=true} and action.yml's {@code NKV_ACTION=true}. */
    ACTION,
    /** An Azure Pipelines job ({@code TF_BUILD=True}): options and the step's variables. */
    AZURE_PIPELINES,
    /** Anywhere else: the words are the command line's. */
    COMMAND_LINE
  }

  /**
   * The action's inputs by the variable action.yml's {@code runs.env} sets from each; a test checks
   * that this is exactly action.yml's mapping.
   */
  static final Map<String, String> ACTION_INPUTS =
      Map.ofEntries(
          Map.entry("NKV_COLLECTION", "collection"),
          Map.entry("NKV_ENVIRONMENT", "environment"),
          Map.entry("NKV_GLOBALS", "globals"),
          Map.entry("NKV_KEY_VAULT", "key-vault"),
          Map.entry("NKV_KEY_VAULT_SUFFIX", "key-vault-suffix"),
          Map.entry("AZURE_CLIENT_ID", "client-id"),
          Map.entry("AZURE_TENANT_ID", "tenant-id"),
          Map.entry("POSTMAN_API_KEY", "postman-api-key"),
          Map.entry("NKV_SECRETS", "secrets"),
          Map.entry("NKV_MAP", "map"),
          Map.entry("NKV_ALLOWED_DOMAINS", "allowed-domains"),
          Map.entry("NKV_REQUIRE_ALLOWED_DOMAINS", "require-allowed-domains"),
          Map.entry("NKV_SCRIPT_ACCESS", "script-access"),
          Map.entry("NKV_NEWMAN_ENV", "newman-env"),
          Map.entry("NKV_RUNNER", "runner"),
          Map.entry("NKV_CA_FILE", "ca-file"),
          Map.entry("NKV_CLIENT_CERTS", "client-certs"),
          Map.entry("NKV_SHARD", "shard"),
          Map.entry("NKV_REPORTS_DIR", "reports-dir"),
          Map.entry("NKV_NEWMAN_ARGS", "newman-args"),
          Map.entry("NKV_DRY_RUN", "dry-run"),
          Map.entry("NKV_AUTH", "auth"));

  /** An option name or an environment variable's name, standing alone in a message. */
  private static final Pattern WORD =
      Pattern.compile("(?<![\\w-])(--?[A-Za-z][A-Za-z0-9-]*|[A-Z][A-Z0-9]*_[A-Z0-9_]+)(?![\\w-])");

  /** A value short and plain enough to quote back: never a pasted credential. */
  private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_.-]{1,16}");

  private final Where where;
  private final Map<String, String> environment;
  private final List<String> args;

  UserWords(Map<String, String> environment, String... args) {
    this.where = where(environment);
    this.environment = environment;
    int end = List.of(args).indexOf("--");
    this.args = List.of(args).subList(0, end < 0 ? args.length : end);
  }

  static Where where(Map<String, String> environment) {
    CiSystem ci = CiSystem.detect(environment);
    if (ci == CiSystem.GITHUB_ACTIONS
        && "true".equalsIgnoreCase(environment.getOrDefault("NKV_ACTION", "").strip())) {
      return Where.ACTION;
    }
    return ci == CiSystem.AZURE_PIPELINES ? Where.AZURE_PIPELINES : Where.COMMAND_LINE;
  }

  Where where() {
    return where;
  }

  /**
   * The message with, as the Action, the inputs of the options and variables it names; in Azure
   * Pipelines, the step variables of the options it names that the command line did not set (the
   * one set, else the first). Elsewhere, or when it names none, the message as it is.
   */
  String of(String message, CommandSpec command) {
    if (where == Where.COMMAND_LINE) {
      return message;
    }
    Set<String> words = new LinkedHashSet<>();
    Matcher matcher = WORD.matcher(message);
    while (matcher.find()) {
      String word = matcher.group(1);
      OptionSpec option = word.startsWith("-") ? command.findOption(word) : null;
      List<String> variables =
          option == null ? List.of(word) : EnvironmentDefaults.variablesOf(option.longestName());
      if (where == Where.ACTION) {
        variables.stream()
            .map(ACTION_INPUTS::get)
            .filter(input -> input != null)
            .findFirst()
            .ifPresent(input -> words.add(input + ":"));
      } else if (option != null
          && !variables.isEmpty()
          && variables.stream().noneMatch(message::contains)
          && !onCommandLine(option)) {
        words.add(variables.stream().filter(this::isSet).findFirst().orElse(variables.get(0)));
      }
    }
    if (words.isEmpty()) {
      return message;
    }
    String list = list(new ArrayList<>(words));
    return where == Where.ACTION
        ? message + " (the action's " + list + (words.size() == 1 ? " input)" : " inputs)")
        : message + " (the step's " + list + (words.size() == 1 ? " variable)" : " variables)");
  }

  /**
   * A boolean option's value that is not true or false, named as the user wrote it: the action's
   * input, else the variable that set it; null when the command line set it (picocli then says so).
   */
  String notABoolean(OptionSpec option, String value) {
    if (onCommandLine(option)) {
      return null;
    }
    List<String> variables = EnvironmentDefaults.variablesOf(option.longestName());
    String variable = variables.stream().filter(this::isSet).findFirst().orElse(null);
    if (variable == null) {
      return null;
    }
    String name =
        where == Where.ACTION && ACTION_INPUTS.containsKey(variable)
            ? ACTION_INPUTS.get(variable)
            : variable;
    String quoted =
        value != null && PLAIN_VALUE.matcher(value.strip()).matches()
            ? "'" + value.strip() + "'"
            : "the value";
    return name + ": " + quoted + " is not true or false";
  }

  private boolean onCommandLine(OptionSpec option) {
    for (String arg : args) {
      for (String name : option.names()) {
        if (arg.equals(name) || arg.startsWith(name + "=")) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean isSet(String variable) {
    String value = environment.get(variable);
    return value != null && !value.isBlank();
  }

  private static String list(List<String> words) {
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1))
        + " and "
        + words.get(words.size() - 1);
  }
}
