package io.newmankeyvault.newman;

import io.newmankeyvault.base.UserFacingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options given after {@code --} for the runner, as given, and every rule of the tool about
 * them: which of the tool's options they conflict with, and what the tool adds to them for Newman
 * and for the Postman CLI. Newman parses them itself, at run time, and its guard ({@link
 * NewmanGuard}) checks what Newman made of them; the Postman CLI's are read against its list of
 * options ({@code postmancli.PostmanCliArguments}). Only whether an option was given is read here.
 *
 * @param given the options after {@code --}, in order
 */
public record RunnerArguments(List<String> given) {
  /** No options after {@code --}. */
  public static final RunnerArguments NONE = new RunnerArguments(List.of());

  private static final String CLIENT_CERT_LIST = "--ssl-client-cert-list";
  private static final String EXTRA_CA_CERTS = "--ssl-extra-ca-certs";
  private static final String FOLDER = "--folder";

  public RunnerArguments {
    given = List.copyOf(given);
  }

  /**
   * Whether {@code option} (a long option's name) was given, as {@code --opt} or {@code --opt=}.
   */
  public boolean has(String option) {
    return given.stream().anyMatch(arg -> arg.equals(option) || arg.startsWith(option + "="));
  }

  /**
   * Refuses the options that would fight the tool's own (a usage error, exit 2).
   *
   * @param clientCerts whether {@code --client-cert} was given
   * @param sharded whether {@code --shard} splits the collection
   */
  public void checkAgainst(boolean clientCerts, boolean sharded) {
    if (clientCerts && has(CLIENT_CERT_LIST)) {
      throw UserFacingException.usage(
          "--client-cert becomes Newman's --ssl-client-cert-list: give client certificates with"
              + " one or the other, not both");
    }
    if (sharded && has(FOLDER)) {
      throw UserFacingException.usage(
          "--shard picks the shard's top-level folders and requests itself: drop --folder after"
              + " '--', or drop --shard");
    }
  }

  /**
   * Newman's options: the tool's globals, {@code --ca-file} as Newman's extra CA unless one was
   * given, the client certificate list, then the options as given.
   *
   * @param globals the globals file, or null
   * @param caFile the {@code --ca-file}, or null
   * @param clientCertList the client certificate list's file or pipe, or null
   */
  public List<String> forNewman(Path globals, Path caFile, Path clientCertList) {
    List<String> added = new ArrayList<>();
    if (globals != null) {
      added.addAll(List.of("--globals", globals.toString()));
    }
    added.addAll(extraCa(caFile));
    if (clientCertList != null) {
      added.addAll(List.of(CLIENT_CERT_LIST, clientCertList.toString()));
    }
    if (added.isEmpty()) {
      return given;
    }
    added.addAll(given);
    return added;
  }

  /**
   * What the tool adds for the Postman CLI, before the options given: its globals, {@code
   * --ca-file} as the extra CA unless one was given.
   *
   * @param globals the globals file, or null
   * @param caFile the {@code --ca-file}, or null
   */
  public List<String> addedForPostmanCli(Path globals, Path caFile) {
    List<String> added = new ArrayList<>();
    if (globals != null) {
      added.addAll(List.of("-g", globals.toString()));
    }
    added.addAll(extraCa(caFile));
    return added;
  }

  private List<String> extraCa(Path caFile) {
    return caFile == null || has(EXTRA_CA_CERTS)
        ? List.of()
        : List.of(EXTRA_CA_CERTS, caFile.toString());
  }
}
