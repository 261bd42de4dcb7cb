package io.newmankeyvault.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.hydrate.ClientCertOption;
import io.newmankeyvault.hydrate.Hydrator;
import io.newmankeyvault.hydrate.Resolution;
import io.newmankeyvault.hydrate.VaultScope;
import io.newmankeyvault.network.ClientCertificate;
import io.newmankeyvault.newman.ClientCertList;
import io.newmankeyvault.newman.Handover;
import io.newmankeyvault.newman.NewmanChannels;
import io.newmankeyvault.newman.NewmanGuard;
import io.newmankeyvault.newman.NewmanInvocation;
import io.newmankeyvault.newman.NewmanRunner;
import io.newmankeyvault.reports.NewmanResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Newman's part of a run. Newman is started as soon as the command line is checked, with its
 * environment (and a downloaded collection) on named pipes that the run writes when it has them:
 * Newman's own start, about 0.3 s of loading Node modules, overlaps the fetch, the sign-in and the
 * reads, and Newman waits in {@code open()} until the hand-over. A run that fails before it stops
 * Newman, which has sent nothing and whose output is dropped. Where there are no named pipes,
 * Newman starts at the hand-over, reading files, as before.
 */
final class NewmanStage extends RunnerStage<NewmanRunner> {
  private final RunOptions options;
  private final Path directory;
  private final NewmanChannels channels; // null: no named pipes; Newman starts at the hand-over
  private final NewmanGuard guard;
  private final String description;
  private Handover fileHandover;
  private Handover vaultFile;
  private Handover certListFile;
  private ClientCertList clientCerts;
  private long startedAt; // System.currentTimeMillis() of each step, for --verbose
  private long handedOverAt;
  private long endedAt;

  private NewmanStage(
      RunOptions options,
      Path directory,
      NewmanRunner runner,
      NewmanChannels channels,
      NewmanGuard guard,
      String description) {
    super(runner);
    this.description = description;
    this.options = options;
    this.directory = directory;
    this.channels = channels;
    this.guard = guard;
  }

  /**
   * Starts Newman now where named pipes allow it.
   *
   * @param captureResults whether Newman's totals are captured (CI summary, no-request warning)
   */
  static NewmanStage begin(
      RunOptions options,
      Path directory,
      NewmanRunner runner,
      boolean captureResults,
      String description) {
    NewmanChannels channels =
        NewmanChannels.open(
                directory,
                options.documents().collection().isRemote() || options.sharding().splits(),
                !options.secrets().clientCerts().isEmpty(),
                captureResults)
            .orElse(null);
    NewmanGuard guard;
    try {
      guard =
          NewmanGuard.write(
              directory,
              directory.resolve("environment.json"),
              globals(options),
              directory.resolve("vault.json"),
              channels == null ? null : channels.results(),
              options.runner().reportsDir() == null
                  ? null
                  : options.runner().reportsDir().toAbsolutePath());
    } catch (IOException e) {
      throw UserFacingException.cannotPrepare(e);
    }
    NewmanStage stage = new NewmanStage(options, directory, runner, channels, guard, description);
    if (channels != null) {
      Path collection =
          channels.collection().map(Handover::path).orElse(options.documents().collection().file());
      runner.start(
          invocation(
              options,
              collection,
              channels.environment().path(),
              channels.clientCerts().map(Handover::path).orElse(null)),
          guard);
      stage.startedAt = System.currentTimeMillis();
    }
    return stage;
  }

  /** Where a downloaded collection is written (beside its pipe: the scan reads it first). */
  @Override
  public Path downloadTarget() {
    return directory.resolve(
        channels != null && channels.collection().isPresent()
            ? "downloaded-collection.json"
            : "collection.json");
  }

  /** The collection is known: a downloaded one goes to Newman now, before the secrets are read. */
  @Override
  public void collectionReady(Path file) {
    if (channels != null) {
      channels.collection().ifPresent(pipe -> pipe.deliver(file));
    }
  }

  @Override
  public boolean ready() {
    return runner.awaitGuard(NewmanRunner.GUARD_CONFIRMATION);
  }

  @Override
  public String describe() {
    return description;
  }

  /**
   * Hands Newman the hydrated environment, the vault scope and the client certificates of {@code
   * resolution}, lets its output through and waits for it to end; returns the tool's exit code for
   * it.
   */
  @Override
  public int handOver(Path collection, String name, ObjectNode environment, Resolution resolution) {
    byte[] hydrated = Hydrator.hydrate(environment, resolution);
    byte[] vaultScope =
        VaultScope.json(
            resolution, options.secrets().allowedDomains(), options.secrets().scriptAccess());
    handedOverAt = System.currentTimeMillis();
    byte[] certList = null;
    try {
      if (!options.secrets().clientCerts().isEmpty()) {
        clientCerts = ClientCertList.write(directory, entries(resolution));
        certList = clientCerts.json();
      }
      if (channels == null) {
        fileHandover = Handover.file(directory.resolve("environment.json"), hydrated);
        vaultFile = Handover.file(directory.resolve("vault.json"), vaultScope);
        if (certList != null) {
          certListFile = Handover.file(directory.resolve("client-certs.json"), certList);
        }
      }
    } catch (IOException e) {
      throw UserFacingException.cannotPrepare(e);
    }
    if (channels == null) {
      Path certs = certListFile == null ? null : certListFile.path();
      runner.start(invocation(options, collection, fileHandover.path(), certs), guard);
      startedAt = handedOverAt;
    } else if (!runner.awaitGuard(NewmanRunner.GUARD_CONFIRMATION)) {
      // Newman ended before its guard confirmed it (a refusal, a failure): it gets no secret, and
      // finish() says why.
      Arrays.fill(hydrated, (byte) 0);
      Arrays.fill(vaultScope, (byte) 0);
    } else {
      channels.vault().deliver(vaultScope);
      if (certList != null) {
        channels.clientCerts().orElseThrow().deliver(certList);
      }
      channels.environment().deliver(hydrated);
    }
    try {
      return runner.finish();
    } finally {
      endedAt = System.currentTimeMillis();
    }
  }

  /** When Newman started, got its inputs and ended, and how it started: for {@code --verbose}. */
  @Override
  public String timing() {
    return timing(
            "Newman started at %d ms, got its inputs at %d ms and ended at %d ms",
            startedAt, handedOverAt, endedAt)
        + " (Newman "
        + (channels == null
            ? "started at the hand-over: no named pipes"
            : runner.startedWarm()
                ? "warm: its modules loaded while the command line was parsed"
                : "started early")
        + ")";
  }

  /** Newman's entries for the client certificates, in the order of the options. */
  private List<ClientCertList.Entry> entries(Resolution resolution) {
    List<ClientCertList.Entry> entries = new ArrayList<>();
    for (ClientCertOption option : options.secrets().clientCerts()) {
      ClientCertificate certificate =
          resolution.clientCertificate(option.hostPattern()).orElseThrow();
      entries.add(
          new ClientCertList.Entry(
              option.hostPattern(), certificate.keyPem(), certificate.chainPem()));
    }
    return entries;
  }

  /** The globals file as Newman gets it and its guard checks it, or null. */
  private static Path globals(RunOptions options) {
    return options.documents().globals() == null
        ? null
        : options.documents().globals().toAbsolutePath();
  }

  private static NewmanInvocation invocation(
      RunOptions options, Path collection, Path environment, Path clientCertList) {
    return new NewmanInvocation(
        options.runner().newman(),
        collection,
        environment,
        options
            .runner()
            .arguments()
            .forNewman(globals(options), options.network().caFile(), clientCertList));
  }

  @Override
  public Optional<NewmanResults> results() {
    return runner.results();
  }

  /** Releases and removes the pipes or the files; call after Newman has stopped. */
  @Override
  public synchronized void close() {
    if (channels != null) {
      channels.close();
    }
    if (fileHandover != null) {
      fileHandover.close();
    }
    if (vaultFile != null) {
      vaultFile.close();
    }
    if (certListFile != null) {
      certListFile.close();
    }
    if (clientCerts != null) {
      clientCerts.close();
    }
  }
}
