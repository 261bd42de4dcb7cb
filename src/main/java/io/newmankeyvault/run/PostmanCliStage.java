package io.newmankeyvault.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.hydrate.AllowedDomains;
import io.newmankeyvault.hydrate.Hydrator;
import io.newmankeyvault.hydrate.Resolution;
import io.newmankeyvault.newman.Handover;
import io.newmankeyvault.postmancli.PostmanCliArguments;
import io.newmankeyvault.postmancli.PostmanCliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The Postman CLI's part of a run. It starts at the hand-over, reading the hydrated environment
 * from a file in the private directory (removed when it ends); its reports are written there and
 * published by the leak gate; its analytics and run uploads are off unless {@code --report-events}
 * is given after {@code --}. The CLI takes no vault scope of the tool's: {@code {{vault:NAME}}}
 * secrets reach it as environment entries ({@link Hydrator#hydrateForPostmanCli}), so allowed
 * domains and script access, which need the vault scope, are refused before it starts.
 */
final class PostmanCliStage extends RunnerStage<PostmanCliRunner> {
  private final RunOptions options;
  private final Path directory;
  private final PostmanCliArguments arguments;
  private Handover environmentFile;
  private long startedAt;
  private long endedAt;

  private PostmanCliStage(
      RunOptions options, Path directory, PostmanCliRunner runner, PostmanCliArguments arguments) {
    super(runner);
    this.options = options;
    this.directory = directory;
    this.arguments = arguments;
  }

  /**
   * Checks the options for the CLI (those that need Newman's vault scope or guard are refused); it
   * starts at the hand-over.
   */
  static PostmanCliStage begin(RunOptions options, Path directory, PostmanCliRunner runner) {
    String needsNewman =
        !options.secrets().allowedDomains().isEmpty()
            ? "--allowed-domains"
            : options.secrets().requireAllowedDomains()
                ? "--require-allowed-domains"
                : !options.secrets().scriptAccess().isEmpty()
                    ? "--script-access"
                    : !options.secrets().clientCerts().isEmpty() ? "--client-cert" : null;
    if (needsNewman != null) {
      throw UserFacingException.usage(
          needsNewman
              + " needs Newman: the tool's guard that keeps it runs inside Newman's process, and the"
              + " Postman CLI loads none. Run the collection as v2.1 JSON with --runner newman, or"
              + " drop "
              + needsNewman);
    }
    return new PostmanCliStage(
        options,
        directory,
        runner,
        PostmanCliArguments.parse(options.runner().arguments().given()));
  }

  @Override
  public Path downloadTarget() {
    return directory.resolve("collection.json");
  }

  @Override
  public void collectionReady(Path collection) {
    // The CLI starts at the hand-over, when it gets the collection.
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public String describe() {
    return "the Postman CLI (" + String.join(" ", options.runner().choice().postmanCli()) + ")";
  }

  @Override
  public int handOver(Path collection, String name, ObjectNode environment, Resolution resolution) {
    List<String> bound = new ArrayList<>();
    AllowedDomains.bySecret(resolution, options.secrets().allowedDomains())
        .values()
        .forEach(
            domains -> {
              if (domains.source() != AllowedDomains.Source.NONE) {
                bound.add(domains.secret());
              }
            });
    if (!bound.isEmpty()) {
      throw UserFacingException.usage(
          "secret '"
              + bound.get(0)
              + "' has allowed domains (its allowed-domains tag), which the Postman CLI cannot"
              + " hold it to: no request was sent. Run the collection as v2.1 JSON with --runner"
              + " newman, or remove the tag");
    }
    startedAt = System.currentTimeMillis();
    try {
      environmentFile =
          Handover.file(
              directory.resolve("environment.json"),
              Hydrator.hydrateForPostmanCli(environment, resolution));
    } catch (IOException e) {
      throw UserFacingException.cannotPrepare(e);
    }
    PostmanCliArguments.Invocation invocation =
        arguments.invocation(
            options.runner().choice().postmanCli(),
            collection,
            environmentFile.path(),
            added(),
            directory.resolve("staging"),
            options.runner().reportsDir(),
            name.isEmpty() ? collectionName(collection) : name,
            LocalDateTime.now(ZoneId.systemDefault())); // as the CLI names its reports
    // Its HOME is private: its log (~/.postman/logs) may quote what it resolved, and goes with
    // the private directory; unless the user opts in to Postman's cloud, which needs their login.
    Path home = arguments.has("--report-events") ? null : directory.resolve("home");
    try {
      if (home != null) {
        Files.createDirectories(home);
      }
    } catch (IOException e) {
      throw UserFacingException.cannotPrepare(e);
    }
    runner.start(invocation, directory.resolve("staging"), home);
    try {
      return runner.finish(String.join(" ", options.runner().choice().postmanCli()));
    } finally {
      endedAt = System.currentTimeMillis();
      environmentFile.close(); // the secrets leave the disk as soon as the CLI ends
    }
  }

  /** The tool's own options for the CLI: globals, the CA file unless given after {@code --}. */
  private List<String> added() {
    return options
        .runner()
        .arguments()
        .addedForPostmanCli(
            options.documents().globals() == null
                ? null
                : options.documents().globals().toAbsolutePath(),
            options.network().caFile());
  }

  private static String collectionName(Path collection) {
    Path name = collection.getFileName();
    return name == null ? "collection" : name.toString().replaceFirst("\\.json$", "");
  }

  @Override
  public String timing() {
    return timing(
        "the Postman CLI started with its inputs at %d ms and ended at %d ms", startedAt, endedAt);
  }

  @Override
  public synchronized void close() {
    if (environmentFile != null) {
      environmentFile.close();
    }
  }
}
