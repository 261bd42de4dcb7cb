package io.newmankeyvault.reports;

import java.nio.file.Path;
import java.util.List;

/**
 * The staging directory's manifest as {@link ReportScrubber} reads it ({@link
 * StagedExport#readManifest}), for the tests of what writes it in other packages (Newman's guard):
 * {@link StagedExport} itself is this package's own.
 */
public final class StagedManifest {
  /** One export: its staged file, the path it is published to, what exported it. */
  public record Entry(Path staged, Path target, String name) {}

  private StagedManifest() {}

  /** The exports listed in {@code staging}'s manifest that {@link ReportScrubber} would publish. */
  public static List<Entry> read(Path staging) {
    return StagedExport.readManifest(staging.resolve(ReportScrubber.MANIFEST), staging).stream()
        .map(export -> new Entry(export.staged(), export.target(), export.name()))
        .toList();
  }
}
