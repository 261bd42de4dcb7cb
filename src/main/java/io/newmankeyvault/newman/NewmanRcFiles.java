package io.newmankeyvault.newman;

import io.newmankeyvault.base.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Newman merges options from rc files ({@code /etc/postman/newmanrc}, {@code ~/.postman/newmanrc},
 * {@code ./.newmanrc}) that no command-line flag turns off. One that exports the environment or the
 * globals would write every secret to a file behind the tool's back, so such a file stops the run.
 */
public final class NewmanRcFiles {
  private static final List<String> EXPORTS = List.of("exportEnvironment", "exportGlobals");

  private NewmanRcFiles() {}

  /** The rc files Newman would read, in its order. */
  static List<Path> candidates(Map<String, String> environment, Path workingDirectory) {
    List<Path> files = new ArrayList<>();
    files.add(Path.of("/etc/postman/newmanrc"));
    String home = environment.get("HOME");
    if (home != null && !home.isBlank()) {
      files.add(Path.of(home, ".postman", "newmanrc"));
    }
    files.add(workingDirectory.resolve(".newmanrc"));
    return files;
  }

  /** Refuses (exit 2) when an rc file Newman would read exports the environment or globals. */
  public static void check(Map<String, String> environment, Path workingDirectory) {
    for (Path file : candidates(environment, workingDirectory)) {
      String text;
      try {
        text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      } catch (IOException e) {
        continue; // Newman skips what it cannot read, too
      }
      for (String option : EXPORTS) {
        if (text.contains("\"" + option + "\"")) {
          throw UserFacingException.usage(
              file
                  + " sets Newman's "
                  + option
                  + ", which would write every secret to a file in clear text: remove it from"
                  + " that file");
        }
      }
    }
  }
}
