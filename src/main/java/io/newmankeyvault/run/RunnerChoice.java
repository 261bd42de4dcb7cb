package io.newmankeyvault.run;

import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.PostmanRef;
import io.newmankeyvault.postman.V3Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which runner runs the collection ({@code --runner}) and how the Postman CLI is started ({@code
 * --postman-cli}).
 *
 * @param kind {@code auto}, {@code newman} or {@code postman-cli}
 * @param postmanCli the command that starts the Postman CLI
 */
public record RunnerChoice(Kind kind, List<String> postmanCli) {
  /** The runners, by the names {@code --runner} takes. */
  public enum Kind {
    AUTO,
    NEWMAN,
    POSTMAN_CLI;

    /** The name {@code --runner} takes. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads {@code --runner}'s value; anything else is a usage error naming the three. */
    public static Kind parse(String text) {
      for (Kind kind : values()) {
        if (kind.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return kind;
        }
      }
      throw UserFacingException.usage(
          "--runner takes auto, newman or postman-cli (auto: Newman for v2.x JSON collections, the"
              + " Postman CLI for v3 collection folders)");
    }
  }

  /** Newman for everything but v3 collections, and the Postman CLI on PATH. */
  public static final RunnerChoice DEFAULT = new RunnerChoice(Kind.AUTO, List.of("postman"));

  public RunnerChoice {
    postmanCli = List.copyOf(postmanCli);
    if (postmanCli.isEmpty() || postmanCli.get(0).isBlank()) {
      throw UserFacingException.usage(
          "--postman-cli is empty: name the Postman CLI's binary (default: postman on PATH)");
    }
  }

  /**
   * The runner for {@code collection}: the one asked for, or for {@code auto} the Postman CLI for a
   * local v3 collection folder and Newman for the rest (the Postman API serves v2.1 JSON). Newman
   * asked to run a v3 folder is a usage error.
   */
  public Kind kindFor(PostmanRef collection) {
    boolean v3 = !collection.isRemote() && V3Collection.isV3(collection.file());
    if (kind == Kind.NEWMAN && v3) {
      throw UserFacingException.usage(
          "--runner newman cannot run "
              + collection.file()
              + ": it is a Postman v3 collection folder, which only the Postman CLI runs (--runner"
              + " postman-cli, or auto)");
    }
    if (kind == Kind.AUTO) {
      return v3 ? Kind.POSTMAN_CLI : Kind.NEWMAN;
    }
    return kind;
  }
}
