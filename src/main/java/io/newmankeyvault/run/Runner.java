package io.newmankeyvault.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.hydrate.Resolution;
import io.newmankeyvault.reports.NewmanResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The runner's part of a run: Newman ({@link NewmanStage}) or the Postman CLI ({@link
 * PostmanCliStage}). The pipeline starts one before it fetches anything, hands it the collection
 * and the resolved secrets, and publishes its reports; it does not know which one runs. Each gets
 * its secrets only through the private directory, writes its files only there, and stops when the
 * tool stops.
 */
interface Runner extends AutoCloseable {
  /** Where a collection downloaded from the Postman API is written. */
  Path downloadTarget();

  /** The collection is known (downloaded, or this shard's): a runner started early may take it. */
  void collectionReady(Path collection);

  /**
   * Whether the runner may get secrets now: false when it ended before (a refusal of its options, a
   * failure), which {@link #handOver} then reports.
   */
  boolean ready();

  /** The runner as the run's announcement names it ("Newman 6.2.2", "the Postman CLI"). */
  String describe();

  /**
   * Hands the runner the collection (named {@code name}) and the environment hydrated with {@code
   * resolution}, lets its output through, waits for it to end and returns the tool's exit code.
   */
  int handOver(Path collection, String name, ObjectNode environment, Resolution resolution);

  /** When it started, got its inputs and ended, for {@code --verbose}. */
  String timing();

  /** What the run did, when the runner tells (Newman's captured totals); else empty. */
  Optional<NewmanResults> results();

  /**
   * Redacts, checks and publishes the files the runner wrote; returns those kept back, one line
   * each, saying why. Once, after it stopped; later calls return the same.
   */
  List<String> publishReports();

  /** Stops the runner (and what it started); safe from a shutdown hook, more than once. */
  void stop();

  /** Removes its hand-over files and pipes; after it stopped. */
  @Override
  void close();
}
