package io.newmankeyvault.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One file Newman exported, as its guard staged it: the staged copy in the private directory and
 * the path Newman computed for it (where the user asked, or Newman's default).
 *
 * @param staged the staged file, directly inside the staging directory
 * @param target the absolute path it is published to
 * @param name what exported it ({@code json-reporter}, {@code cookie-jar}, ...)
 */
record StagedExport(Path staged, Path target, String name) {

  /**
   * The exports listed in the guard's manifest, in the order Newman wrote them; a line that is not
   * one of the guard's (an export cut short by a stop, say) is skipped, and so is a staged path
   * outside {@code staging} or not a regular file of its own.
   */
  static List<StagedExport> readManifest(Path manifest, Path staging) {
    List<StagedExport> exports = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return exports; // nothing exported
    }
    for (String line : lines) {
      JsonNode entry;
      try {
        entry = Json.MAPPER.readTree(line);
      } catch (IOException e) {
        continue;
      }
      if (entry == null || !entry.path("staged").isTextual() || !entry.path("target").isTextual()) {
        continue;
      }
      Path staged = Path.of(entry.path("staged").asText()).normalize();
      Path target = Path.of(entry.path("target").asText()).normalize();
      boolean ours =
          staging.toAbsolutePath().normalize().equals(staged.getParent())
              && Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)
              && target.isAbsolute();
      if (ours) {
        exports.add(new StagedExport(staged, target, entry.path("name").asText("")));
      }
    }
    return exports;
  }
}
