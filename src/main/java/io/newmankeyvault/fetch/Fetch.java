package io.newmankeyvault.fetch;

import io.newmankeyvault.audit.Cleartext;
import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.PrivateDirectory;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.postman.Documents;
import io.newmankeyvault.postman.PostmanApiKey;
import io.newmankeyvault.postman.PostmanRef;
import io.newmankeyvault.postman.RetryPolicy;
import io.newmankeyvault.redact.Output;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code newman-keyvault fetch}: downloads (or copies) a collection and an environment once, for
 * the legs of a CI matrix to run from files: references stay references, nothing is resolved. The
 * documents are audited on the way, and documents holding credentials in clear are refused unless
 * allowed; they are written only once the audit passed.
 */
public final class Fetch {
  /**
   * What to fetch and where to.
   *
   * @param collection the collection: a file or a Postman id
   * @param environment the environment, or null
   * @param postmanApiUrl the Postman API's base URL
   * @param postmanApiKeyFile the key's file, or null for POSTMAN_API_KEY
   * @param proxies the proxies of the environment
   * @param outputDir where collection.json and environment.json are written
   * @param allowFindings write documents with credentials in clear all the same
   */
  public record Options(
      PostmanRef collection,
      PostmanRef environment,
      URI postmanApiUrl,
      Path postmanApiKeyFile,
      Proxies proxies,
      Path outputDir,
      boolean allowFindings) {
    public Options {
      if (collection == null) {
        throw UserFacingException.usage(
            "--collection is missing: pass a collection file or Postman id (or set"
                + " NKV_COLLECTION)");
      }
      if (outputDir == null) {
        throw UserFacingException.usage(
            "--output-dir is missing: name the directory the documents are written to");
      }
    }
  }

  private final Output output;
  private final Map<String, String> environment;
  private final RetryPolicy retries;
  private final String version;

  public Fetch(
      Output output, Map<String, String> environment, RetryPolicy retries, String version) {
    this.output = output;
    this.environment = environment;
    this.retries = retries;
    this.version = version;
  }

  /** Fetches, audits and writes; returns the exit code (1 when refused for findings). */
  public int run(Options options) {
    PostmanApiKey key = PostmanApiKey.find(options.postmanApiKeyFile(), environment);
    if (key != null) {
      output.protectedValues().add(key.value());
    }
    Documents documents =
        new Documents(
            Documents.Named.of(
                List.of(options.collection()),
                options.environment() == null ? List.of() : List.of(options.environment())),
            key,
            options.postmanApiUrl(),
            options.proxies(),
            output::notice,
            retries,
            version);
    try (PrivateDirectory directory = PrivateDirectory.createFor(environment)) {
      Path collection = directory.path().resolve("collection.json");
      Path fetched = documents.collection(options.collection(), collection);
      if (!fetched.equals(collection)) {
        Files.copy(fetched, collection);
      }
      Path environmentFile = null;
      if (options.environment() != null) {
        environmentFile = directory.path().resolve("environment.json");
        if (options.environment().isRemote()) {
          Json.MAPPER
              .writerWithDefaultPrettyPrinter()
              .writeValue(environmentFile.toFile(), documents.environment(options.environment()));
        } else {
          documents.environment(options.environment()); // checked: a malformed file is exit 2
          Files.copy(options.environment().file(), environmentFile);
        }
      }
      List<String> findings =
          Cleartext.highFindings(
              collection,
              uri(options.collection(), "collections"),
              environmentFile,
              options.environment() == null ? null : uri(options.environment(), "environments"));
      if (!findings.isEmpty() && !options.allowFindings()) {
        output.error(
            "not written: the documents hold "
                + findings.size()
                + (findings.size() == 1 ? " credential" : " credentials")
                + " in clear (move them to Key Vault, or pass --allow-findings):\n"
                + String.join("\n", findings));
        return ExitCode.TESTS_FAILED;
      }
      List<Path> written = new ArrayList<>();
      Files.createDirectories(options.outputDir());
      written.add(move(collection, options.outputDir().resolve("collection.json")));
      if (environmentFile != null) {
        written.add(move(environmentFile, options.outputDir().resolve("environment.json")));
      }
      written.forEach(path -> output.print(path + "\n"));
      return ExitCode.OK;
    } catch (IOException e) {
      throw UserFacingException.usage(
          "cannot write to --output-dir "
              + options.outputDir()
              + " ("
              + e.getClass().getSimpleName()
              + "): check that it is a writable directory");
    }
  }

  private static Path move(Path from, Path to) throws IOException {
    return Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String uri(PostmanRef ref, String kind) {
    return ref.isRemote() ? "postman://" + kind + "/" + ref.id() : ref.file().toString();
  }
}
