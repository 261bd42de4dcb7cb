package io.newmankeyvault.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.CollectionScan;
import io.newmankeyvault.postman.CollectionVariable;
import io.newmankeyvault.postman.SecureVariables;
import io.newmankeyvault.reference.Reference;
import io.newmankeyvault.reference.ReferenceException;
import io.newmankeyvault.reference.ReferenceParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds every secret reference in an environment, a collection, globals and the {@code --secret}
 * options, Postman v12's secure variables included, and decides which variable each one hydrates.
 * All malformed references are reported together.
 */
public final class Planner {
  private final ReferenceParser parser;

  public Planner(ReferenceParser parser) {
    this.parser = parser;
  }

  /** Plans a run; throws one {@link UserFacingException} (exit 2) listing every bad reference. */
  public Plan plan(ObjectNode environment, CollectionScan collection, List<SecretOption> options) {
    return plan(environment, collection, options, List.of());
  }

  /** Plans a run with client certificates; every bad reference is reported together. */
  public Plan plan(
      ObjectNode environment,
      CollectionScan collection,
      List<SecretOption> options,
      List<ClientCertOption> clientCerts) {
    return plan(environment, null, collection, options, clientCerts);
  }

  /**
   * Plans a run with globals (null for none) and client certificates; every bad reference is
   * reported together.
   */
  public Plan plan(
      ObjectNode environment,
      ObjectNode globals,
      CollectionScan collection,
      List<SecretOption> options,
      List<ClientCertOption> clientCerts) {
    Draft draft = new Draft();
    List<Binding> optionBindings = draft.secretOptions(options);
    draft.environment(environment);
    // The --secret bindings are checked first (their names hide environment entries) but listed
    // after the environment's.
    draft.bindings.addAll(optionBindings);
    draft.collection(collection);
    if (globals != null) {
      draft.globals(globals);
    }
    draft.postmanVault(collection);
    draft.clientCerts(clientCerts);
    if (!draft.errors.isEmpty()) {
      throw new UserFacingException(FailureKind.USAGE, String.join("\n", draft.errors));
    }
    return new Plan(draft.bindings, draft.secure);
  }

  /**
   * One planning pass: the bindings and errors found so far, and the names each scope sets, which
   * hide the same names in the scopes Newman reads after it.
   */
  private final class Draft {
    private final List<String> errors = new ArrayList<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final List<SecureVariable> secure = new ArrayList<>();
    private final Set<String> postmanVaultNames = new LinkedHashSet<>();
    private final Set<String> optionVariables = new HashSet<>();
    private final Set<String> environmentKeys = new HashSet<>();
    private final Set<String> collectionKeys = new HashSet<>();

    /** The {@code --secret} options' bindings; the caller adds them after the environment's. */
    List<Binding> secretOptions(List<SecretOption> options) {
      List<Binding> optionBindings = new ArrayList<>();
      for (SecretOption option : options) {
        if (!optionVariables.add(option.variable())) {
          errors.add("--secret sets variable '" + option.variable() + "' twice: keep one");
          continue;
        }
        try {
          Optional<Reference> reference = parser.parseWholeValue(option.reference());
          if (reference.isEmpty()) {
            // The text is not echoed: it may be a secret pasted by mistake.
            errors.add(
                "--secret "
                    + option.variable()
                    + "=...: the value is not a reference; use akv://VAULT/SECRET,"
                    + " @Microsoft.KeyVault(...) or {{vault:NAME}}");
          } else {
            optionBindings.add(
                new Binding(option.variable(), Binding.Origin.OPTION, reference.get()));
          }
        } catch (ReferenceException e) {
          errors.add("--secret " + option.variable() + ": " + e.getMessage());
        }
      }
      return optionBindings;
    }

    /** The environment's variables that no --secret sets: secure ones and references. */
    void environment(ObjectNode environment) {
      int position = -1;
      for (JsonNode entry : environment.get("values")) {
        position++;
        if (!EnvironmentEntries.isVariable(entry)) {
          continue;
        }
        String key = entry.get("key").asText();
        environmentKeys.add(key);
        if (optionVariables.contains(key)) {
          continue;
        }
        if (SecureVariables.isSecure(entry)) {
          secure.add(new SecureVariable(key, SecureVariable.Scope.ENVIRONMENT, position));
          continue;
        }
        JsonNode value = entry.get("value");
        if (value == null || !value.isTextual()) {
          continue;
        }
        ReferenceParser.findPostmanVaultNames(value.asText(), postmanVaultNames);
        int entryPosition = position;
        wholeValue(value.asText(), "environment variable '" + key + "'", errors)
            .filter(Planner::isNotPostmanVault)
            .ifPresent(
                ref ->
                    bindings.add(new Binding(key, Binding.Origin.ENVIRONMENT, ref, entryPosition)));
      }
    }

    /** The collection's variables that the environment and the --secret options leave. */
    void collection(CollectionScan collection) {
      for (CollectionVariable variable : collection.variables()) {
        collectionKeys.add(variable.key());
        // An environment entry or a --secret of the same name wins in Newman: nothing to read.
        if (environmentKeys.contains(variable.key()) || optionVariables.contains(variable.key())) {
          continue;
        }
        if (variable.secure()) {
          secure.add(
              new SecureVariable(
                  variable.key(), SecureVariable.Scope.COLLECTION, Binding.NO_ENTRY));
          continue;
        }
        wholeValue(variable.value(), "collection variable '" + variable.key() + "'", errors)
            .filter(Planner::isNotPostmanVault)
            .ifPresent(
                ref ->
                    bindings.add(
                        new Binding(variable.key(), Binding.Origin.COLLECTION_VARIABLE, ref)));
      }
    }

    /** The global variables that no other scope sets. */
    void globals(ObjectNode globals) {
      for (JsonNode entry : globals.get("values")) {
        if (!EnvironmentEntries.isVariable(entry)) {
          continue;
        }
        String key = entry.get("key").asText();
        // The environment, a --secret and the collection's variables win over globals in Newman.
        if (environmentKeys.contains(key)
            || optionVariables.contains(key)
            || collectionKeys.contains(key)) {
          continue;
        }
        if (SecureVariables.isSecure(entry)) {
          secure.add(new SecureVariable(key, SecureVariable.Scope.GLOBALS, Binding.NO_ENTRY));
          continue;
        }
        JsonNode value = entry.get("value");
        if (value == null || !value.isTextual()) {
          continue;
        }
        ReferenceParser.findPostmanVaultNames(value.asText(), postmanVaultNames);
        wholeValue(value.asText(), "global variable '" + key + "'", errors)
            .filter(Planner::isNotPostmanVault)
            .ifPresent(ref -> bindings.add(new Binding(key, Binding.Origin.GLOBALS, ref)));
      }
    }

    /**
     * Binds {@code vault:NAME} for each secure variable, then for each {@code {{vault:NAME}}} used
     * in a value or in the collection that no secure variable bound already.
     */
    void postmanVault(CollectionScan collection) {
      Set<String> bound = new HashSet<>();
      for (SecureVariable variable : secure) {
        if (variable.key().contains("{") || variable.key().contains("}")) {
          errors.add(
              "secure variable '"
                  + variable.key()
                  + "' ("
                  + variable.scope().label()
                  + "): a key with braces cannot name a vault secret: rename the variable");
          continue;
        }
        try {
          Reference reference = parser.postmanVault(variable.key());
          if (bound.add(variable.key())) {
            bindings.add(
                new Binding("vault:" + variable.key(), Binding.Origin.POSTMAN_VAULT, reference));
          }
        } catch (ReferenceException e) {
          errors.add(
              "secure variable '"
                  + variable.key()
                  + "' ("
                  + variable.scope().label()
                  + "): "
                  + e.getMessage());
        }
      }
      postmanVaultNames.addAll(collection.postmanVaultNames());
      postmanVaultNames.removeAll(bound);
      for (String name : postmanVaultNames) {
        try {
          bindings.add(
              new Binding(
                  "vault:" + name, Binding.Origin.POSTMAN_VAULT, parser.postmanVault(name)));
        } catch (ReferenceException e) {
          errors.add(e.getMessage());
        }
      }
    }

    /** The {@code --client-cert} options: one certificate reference per host pattern. */
    void clientCerts(List<ClientCertOption> clientCerts) {
      Set<String> hostPatterns = new HashSet<>();
      for (ClientCertOption option : clientCerts) {
        String where = "--client-cert " + option.hostPattern();
        if (!hostPatterns.add(option.hostPattern())) {
          errors.add(where + " is given twice: keep one");
          continue;
        }
        int before = errors.size();
        Optional<Reference> reference = wholeValue(option.reference(), where, errors);
        if (reference.isPresent()) {
          bindings.add(
              new Binding(
                  option.hostPattern(), Binding.Origin.CLIENT_CERTIFICATE, reference.get()));
        } else if (errors.size() == before) {
          errors.add(
              where
                  + "=...: the value is not a reference; use akv://VAULT/CERTIFICATE-NAME (the"
                  + " certificate's secret; with --secrets-file, its entry CERTIFICATE-NAME)");
        }
      }
    }
  }

  /**
   * A whole {@code {{vault:NAME}}} value stays as it is, as in Postman: the runtime resolves it
   * through the vault scope, in requests to the secret's allowed domains only, and a script reading
   * the variable reads the reference.
   */
  private static boolean isNotPostmanVault(Reference reference) {
    return reference.form() != Reference.Form.POSTMAN_VAULT;
  }

  /** The whole-value reference in a value, if any. */
  private Optional<Reference> wholeValue(String value, String where, List<String> errors) {
    try {
      return parser.parseWholeValue(value);
    } catch (ReferenceException e) {
      errors.add(where + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
