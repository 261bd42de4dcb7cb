package io.newmankeyvault.cli;

import io.newmankeyvault.fetch.Fetch;
import io.newmankeyvault.network.Proxies;
import io.newmankeyvault.redact.Output;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newman-keyvault fetch}: download once for the legs of a matrix. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Downloads (or copies) a collection and an environment once and writes them to"
          + " --output-dir as collection.json and environment.json, references kept as they are,"
          + " for the legs of a CI matrix to run from the files (run -c DIR/collection.json"
          + " --shard K/N). Prints the paths written.",
      "The documents are audited first: with a credential in clear (a high finding) nothing is"
          + " written and the exit code is 1, unless --allow-findings."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  # Once, in a job before the matrix (POSTMAN_API_KEY set)",
      "  newman-keyvault fetch -c 12345-6789abcd-0000-4000-8000-000000000001 \\",
      "    -e 12345-6789abcd-0000-4000-8000-000000000002 --output-dir postman"
    })
final class FetchCommand implements Callable<Integer> {
  private final Output output;
  private final Map<String, String> environment;
  private final Services services;

  @Mixin DocumentOptions documents;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description = "Required. Where collection.json and environment.json are written.")
  Path outputDir;

  @Option(
      names = "--allow-findings",
      description = "Writes the documents even when they hold credentials in clear.")
  boolean allowFindings;

  @Mixin PostmanApiOptions postman;

  @Mixin NetworkOptions.ForDownloads network;

  @Mixin VerboseOption verbosity;

  FetchCommand(Output output, Map<String, String> environment, Services services) {
    this.output = output;
    this.environment = environment;
    this.services = services;
  }

  @Override
  public Integer call() {
    documents.protectCredentials(output.protectedValues());
    postman.protectCredentials(output.protectedValues());
    Proxies proxies = NetworkOptions.proxies(environment, output, verbosity.verbose);
    Fetch.Options options =
        new Fetch.Options(
            documents.collection(),
            documents.environment(),
            postman.checkedUrl(),
            postman.postmanApiKeyFile,
            proxies,
            outputDir,
            allowFindings);
    network.installTrust();
    return new Fetch(output, environment, services.postmanRetries(), Version.current())
        .run(options);
  }
}
