package io.newmankeyvault.newman;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The named pipes in the private directory that let Newman start before its inputs exist: the
 * environment and the vault scope (always), the collection (when it is downloaded), the client
 * certificate list (with {@code --client-cert}) and, in CI, the JSON results the tool reads for its
 * summary. All are made by one {@code mkfifo}; closing releases and removes them.
 */
public final class NewmanChannels implements AutoCloseable {
  private final Handover environment;
  private final Handover vault;
  private final Handover collection;
  private final Handover clientCerts;
  private final Path results;

  private NewmanChannels(
      Handover environment,
      Handover vault,
      Handover collection,
      Handover clientCerts,
      Path results) {
    this.environment = environment;
    this.vault = vault;
    this.collection = collection;
    this.clientCerts = clientCerts;
    this.results = results;
  }

  /**
   * The pipes in {@code directory}, or empty where the OS has none (Windows) or they cannot be
   * made: Newman then starts after the inputs are written to files, as a plain run would.
   *
   * @param downloadedCollection whether the collection comes from the Postman API (else Newman
   *     reads the user's file itself)
   * @param clientCerts whether Newman gets a client certificate list ({@link ClientCertList})
   * @param captureResults whether Newman's JSON results are captured for the tool's CI summary
   */
  public static Optional<NewmanChannels> open(
      Path directory, boolean downloadedCollection, boolean clientCerts, boolean captureResults) {
    Path environment = directory.resolve("environment.json");
    Path vault = directory.resolve("vault.json");
    Path collection = downloadedCollection ? directory.resolve("collection.json") : null;
    Path certList = clientCerts ? directory.resolve("client-certs.json") : null;
    Path results = captureResults ? directory.resolve("results.json") : null;
    List<Path> pipes = new ArrayList<>();
    for (Path pipe : new Path[] {environment, vault, collection, certList, results}) {
      if (pipe != null) {
        pipes.add(pipe);
      }
    }
    if (!NamedPipes.create(pipes)) {
      return Optional.empty();
    }
    return Optional.of(
        new NewmanChannels(
            Handover.pipe(environment),
            Handover.pipe(vault),
            collection == null ? null : Handover.pipe(collection),
            certList == null ? null : Handover.pipe(certList),
            results));
  }

  /** The environment's pipe: {@link Handover#deliver(byte[])} the hydrated environment to it. */
  public Handover environment() {
    return environment;
  }

  /**
   * The vault scope's pipe: {@link Handover#deliver(byte[])} the {@code {{vault:NAME}}} secrets.
   */
  public Handover vault() {
    return vault;
  }

  /** The downloaded collection's pipe, or empty when Newman reads the user's file. */
  public Optional<Handover> collection() {
    return Optional.ofNullable(collection);
  }

  /** The client certificate list's pipe, or empty without {@code --client-cert}. */
  public Optional<Handover> clientCerts() {
    return Optional.ofNullable(clientCerts);
  }

  /** The results pipe, or null when results are not captured. */
  public Path results() {
    return results;
  }

  @Override
  public void close() {
    environment.close();
    vault.close();
    if (collection != null) {
      collection.close();
    }
    if (clientCerts != null) {
      clientCerts.close();
    }
  }
}
