package io.newmankeyvault.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.ExitCode;
import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.PrivateDirectory;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.Documents;
import io.newmankeyvault.postman.PostmanApiKey;
import io.newmankeyvault.postman.PostmanRef;
import io.newmankeyvault.postman.RetryPolicy;
import io.newmankeyvault.postman.V3Collection;
import io.newmankeyvault.redact.Output;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The steps of {@code audit}: fetch every collection and environment (files or the Postman API),
 * read the secrets they reference when asked to, walk each document, drop what the baseline
 * accepts, print the report and decide the exit code. Downloads live in a private directory that is
 * gone when it returns.
 */
public final class Audit {
  private final Output output;
  private final Map<String, String> environment;
  private final RetryPolicy postmanRetries;
  private final String version;

  /**
   * @param output the tool's stdout and stderr, with the run's protected values
   * @param environment the process environment (injected so tests control it)
   * @param postmanRetries how Postman API calls are retried
   * @param version the tool's version, for the User-Agent and the reports
   */
  public Audit(
      Output output, Map<String, String> environment, RetryPolicy postmanRetries, String version) {
    this.output = output;
    this.environment = environment;
    this.postmanRetries = postmanRetries;
    this.version = version;
  }

  /** Runs the audit and returns the exit code; failures are {@link UserFacingException}s. */
  public int run(AuditOptions options) {
    long started = System.nanoTime();
    PostmanApiKey key = PostmanApiKey.find(options.postmanApiKeyFile(), environment);
    if (key != null) {
      output.protectedValues().add(key.value());
    }
    String fingerprintKey = environment.get(Fingerprints.KEY_VARIABLE);
    if (fingerprintKey != null) {
      output.protectedValues().add(fingerprintKey); // masked in CI before anything is printed
    }
    Fingerprints fingerprints = Fingerprints.withKey(fingerprintKey);
    // Read before anything is scanned, so that a missing baseline fails fast.
    Baseline baseline =
        options.baseline() == null
            ? Baseline.none()
            : Baseline.load(options.baseline(), fingerprints);
    try (PrivateDirectory directory = PrivateDirectory.createFor(environment)) {
      Inputs inputs = fetch(options, key, directory.path());
      Set<String> knownSecrets =
          options.compareWithSecrets() ? KnownSecrets.read(options, inputs, output) : Set.of();
      DocumentAuditor auditor =
          new DocumentAuditor(knownSecrets, options.entropyThreshold(), fingerprints);
      List<Document> documents = new ArrayList<>();
      List<Finding> all = new ArrayList<>();
      // A malformed document is one line; the others are audited all the same.
      List<String> unreadable = new ArrayList<>();
      auditAll(inputs, auditor, documents, all, unreadable);
      List<Finding> reported = all.stream().filter(finding -> !baseline.accepts(finding)).toList();
      AuditReport report = new AuditReport(documents, reported, all.size() - reported.size());
      print(options, report);
      if (baseline.mayBeFromAnotherKey(all.size(), report.suppressed())) {
        output.notice(
            "warning: no finding matched baseline file "
                + options.baseline()
                + ": if it was written with another "
                + Fingerprints.KEY_VARIABLE
                + ", set that key, or write the baseline again with --write-baseline");
      }
      if (options.writeBaseline() != null) {
        writeBaseline(options.writeBaseline(), all, fingerprints);
      }
      if (options.verbose()) {
        output.notice(
            String.format(
                "audited %d documents in %d ms",
                documents.size(), (System.nanoTime() - started) / 1_000_000));
      }
      if (!unreadable.isEmpty()) {
        throw UserFacingException.usage(String.join("\n", unreadable));
      }
      if (options.writeBaseline() != null) {
        return ExitCode.OK; // every current finding was just accepted
      }
      boolean failed =
          reported.stream().anyMatch(finding -> options.failOn().fails(finding.severity()));
      return failed ? ExitCode.TESTS_FAILED : ExitCode.OK;
    }
  }

  /** Audits every collection, then every environment. */
  private static void auditAll(
      Inputs inputs,
      DocumentAuditor auditor,
      List<Document> documents,
      List<Finding> all,
      List<String> unreadable) {
    for (Inputs.Collection collection : inputs.collections()) {
      audit(
          () -> auditor.collection(collection.file(), collection.uri()),
          documents,
          all,
          unreadable);
    }
    for (Inputs.Environment environmentInput : inputs.environments()) {
      audit(
          () ->
              environmentInput.file() != null
                  ? auditor.environment(environmentInput.file(), environmentInput.uri())
                  : auditor.environment(
                      environmentInput.tree(),
                      "environment " + environmentInput.uri(),
                      environmentInput.uri()),
          documents,
          all,
          unreadable);
    }
  }

  /** Writes every finding's fingerprint to {@code --write-baseline}, and says what that means. */
  private void writeBaseline(Path file, List<Finding> all, Fingerprints fingerprints) {
    write(file, Baseline.write(all, fingerprints), "--write-baseline");
    output.notice(
        "wrote "
            + all.size()
            + " fingerprints to "
            + file
            + ": later audits with --baseline report only new findings"
            + (fingerprints.keyed()
                ? " (and a new value at a known place, since "
                    + Fingerprints.KEY_VARIABLE
                    + " is set)"
                : " (a new value at a known place is not one: set "
                    + Fingerprints.KEY_VARIABLE
                    + " for that)"));
  }

  private static void audit(
      Supplier<DocumentAuditor.Result> one,
      List<Document> documents,
      List<Finding> findings,
      List<String> unreadable) {
    try {
      DocumentAuditor.Result result = one.get();
      documents.add(result.document());
      findings.addAll(result.findings());
    } catch (UserFacingException e) {
      if (e.kind() != FailureKind.USAGE) {
        throw e;
      }
      unreadable.add(e.getMessage());
    }
  }

  private void print(AuditOptions options, AuditReport report) {
    String text =
        switch (options.format()) {
          case table -> TableReport.render(report);
          case json -> JsonReport.render(report, version);
          case sarif -> SarifReport.render(report, version);
        };
    if (options.outputFile() != null) {
      write(options.outputFile(), output.redactor().redact(text), "--output-file");
      output.notice("audit: " + report.summary() + "; report written to " + options.outputFile());
    } else {
      output.print(text);
      if (options.format() != AuditFormat.table) {
        output.notice("audit: " + report.summary()); // stdout stays machine-readable
      }
    }
  }

  private static void write(Path file, String text, String option) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw UserFacingException.usage(
          "cannot write " + option + " " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The documents to audit: collections as files (downloads included), environments as files or
   * trees.
   */
  record Inputs(List<Collection> collections, List<Environment> environments) {
    /** A collection file and how reports name it. */
    record Collection(Path file, String uri) {}

    /** An environment: a file, or a downloaded tree. */
    record Environment(Path file, ObjectNode tree, String uri) {}
  }

  private Inputs fetch(AuditOptions options, PostmanApiKey key, Path directory) {
    Documents documents =
        new Documents(
            Documents.Named.of(options.collections(), options.environments()),
            key,
            options.postmanApiUrl(),
            options.proxies(),
            output::notice,
            postmanRetries,
            version);
    List<Inputs.Collection> collections = new ArrayList<>();
    int index = 0;
    for (PostmanRef ref : options.collections()) {
      Path file = documents.collection(ref, directory.resolve("collection-" + index++ + ".json"));
      Path folder = ref.isRemote() ? null : V3Collection.root(file); // a v3 folder, by itself
      collections.add(
          new Inputs.Collection(
              file,
              ref.isRemote()
                  ? "postman://collections/" + ref.id()
                  : relativeUri(folder != null ? folder : file)));
    }
    List<Inputs.Environment> environments = new ArrayList<>();
    for (PostmanRef ref : options.environments()) {
      // A file is audited as it is written (with its line numbers); a download as it came.
      environments.add(
          ref.isRemote()
              ? new Inputs.Environment(
                  null, documents.environment(ref), "postman://environments/" + ref.id())
              : new Inputs.Environment(ref.file(), null, relativeUri(ref.file())));
    }
    return new Inputs(collections, environments);
  }

  /**
   * The file as a URI reference relative to the working directory ({@code postman/users.json}), as
   * GitHub code scanning matches it against the repository; else an absolute file URI.
   */
  static String relativeUri(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    if (absolute.startsWith(cwd)) {
      String relative = cwd.relativize(absolute).toString().replace('\\', '/');
      try {
        return new URI(null, null, relative, null).toASCIIString();
      } catch (URISyntaxException e) {
        // fall through to the absolute form
      }
    }
    return absolute.toUri().toASCIIString();
  }
}
