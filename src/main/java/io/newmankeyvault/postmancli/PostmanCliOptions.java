package io.newmankeyvault.postmancli;

import java.util.Map;

/**
 * The options of {@code postman collection run} (Postman CLI 1.62) that the tool passes on after
 * {@code --}, and those it refuses. The Postman CLI loads no guard of the tool's, so the tool reads
 * its options itself: an allow-list, in the two spellings the CLI's parser takes ({@code --name
 * value}, {@code --name=value}); anything else is refused, so no option can write a file or send a
 * value where the tool does not know.
 */
final class PostmanCliOptions {
  /** How an option takes its value. */
  enum Arity {
    /** A flag: never a value. */
    NONE,
    /** Always one value. */
    ONE,
    /** An optional value (the CLI's {@code [n]}): the next argument when it is not an option. */
    OPTIONAL
  }

  /** The CLI's options the tool passes on as given. */
  static final Map<String, Arity> PASSED =
      Map.ofEntries(
          Map.entry("-n", Arity.ONE),
          Map.entry("--iteration-count", Arity.ONE),
          Map.entry("-d", Arity.ONE),
          Map.entry("--iteration-data", Arity.ONE),
          Map.entry("--iteration-data-dataset", Arity.ONE),
          Map.entry("--iteration-data-view", Arity.ONE),
          Map.entry("--dataset", Arity.ONE),
          Map.entry("-i", Arity.ONE),
          Map.entry("--global-var", Arity.ONE),
          Map.entry("--env-var", Arity.ONE),
          Map.entry("--integration-id", Arity.ONE),
          Map.entry("--bail", Arity.OPTIONAL),
          Map.entry("--ignore-redirects", Arity.NONE),
          Map.entry("-x", Arity.NONE),
          Map.entry("--suppress-exit-code", Arity.NONE),
          Map.entry("--silent", Arity.NONE),
          Map.entry("--disable-unicode", Arity.NONE),
          Map.entry("--delay-request", Arity.OPTIONAL),
          Map.entry("--timeout", Arity.OPTIONAL),
          Map.entry("--timeout-request", Arity.OPTIONAL),
          Map.entry("--timeout-script", Arity.OPTIONAL),
          Map.entry("--working-dir", Arity.ONE),
          Map.entry("--no-insecure-file-read", Arity.NONE),
          Map.entry("-k", Arity.NONE),
          Map.entry("--insecure", Arity.NONE),
          Map.entry("--ssl-client-cert-list", Arity.ONE),
          Map.entry("--ssl-client-cert", Arity.ONE),
          Map.entry("--ssl-client-key", Arity.ONE),
          Map.entry("--ssl-client-passphrase", Arity.ONE),
          Map.entry("--ssl-extra-ca-certs", Arity.ONE),
          Map.entry("--cookie-jar", Arity.ONE),
          Map.entry("--verbose", Arity.NONE),
          Map.entry("--mock", Arity.ONE),
          Map.entry("--port", Arity.ONE),
          Map.entry("--use-mock", Arity.ONE),
          Map.entry("--simulate", Arity.ONE),
          Map.entry("--reporter-json-structure", Arity.ONE),
          Map.entry("--reporter-json-omitRequestBodies", Arity.NONE),
          Map.entry("--reporter-json-omitResponseBodies", Arity.NONE),
          Map.entry("--reporter-json-omitHeaders", Arity.NONE),
          Map.entry("--reporter-json-omitAllHeadersAndBody", Arity.NONE),
          Map.entry("--reporter-html-omitRequestBodies", Arity.NONE),
          Map.entry("--reporter-html-omitResponseBodies", Arity.NONE),
          Map.entry("--reporter-html-omitHeaders", Arity.NONE),
          Map.entry("--reporter-html-omitAllHeadersAndBody", Arity.NONE),
          Map.entry("--report-events", Arity.NONE),
          Map.entry("--no-report-events", Arity.NONE));

  /** The options the tool reads and rewrites: reporters and the files they write. */
  static final Map<String, Arity> REWRITTEN =
      Map.of(
          "-r", Arity.ONE,
          "--reporters", Arity.ONE,
          "--reporter-json-export", Arity.ONE,
          "--reporter-junit-export", Arity.ONE,
          "--reporter-html-export", Arity.ONE,
          "--export-cookie-jar", Arity.ONE);

  /** Options refused, with what to do instead. */
  static final Map<String, String> REFUSED =
      Map.ofEntries(
          Map.entry(
              "-e",
              "the tool hands the Postman CLI the hydrated environment: give yours with -e before '--'"),
          Map.entry(
              "--environment",
              "the tool hands the Postman CLI the hydrated environment: give yours with -e before '--'"),
          Map.entry("-g", "give globals with -g before '--': the tool reads their references"),
          Map.entry(
              "--globals", "give globals with -g before '--': the tool reads their references"),
          Map.entry(
              "--postman-api-key",
              "a key on the command line is visible to every process: set POSTMAN_API_KEY for the tool instead"),
          Map.entry(
              "--alias", "the tool signs in to nothing of Postman's for the Postman CLI: drop it"),
          Map.entry(
              "--output",
              "it needs a Postman login and writes run data where the tool cannot redact it: use -r json, junit or html with --reports-dir"),
          Map.entry("--folder", "the Postman CLI's equivalent is -i FOLDER"),
          Map.entry("--color", "the Postman CLI has no --color: drop it"),
          Map.entry(
              "--no-color",
              "the Postman CLI has no --no-color: drop it (--disable-unicode is the nearest)"),
          Map.entry("--export-environment", "it would write every secret to a file"),
          Map.entry("--export-globals", "it would write every secret to a file"),
          Map.entry("--export-collection", "the Postman CLI has no --export-collection"),
          Map.entry(
              "--reporter-cli-no-summary", "the Postman CLI has no options for its cli reporter"),
          Map.entry("-h", "see postman collection run --help"),
          Map.entry("--help", "see postman collection run --help"));

  /** The reporters the Postman CLI has, and the extension of the file each writes. */
  static final Map<String, String> REPORTERS =
      Map.of("cli", "", "json", "json", "junit", "xml", "html", "html");

  private PostmanCliOptions() {}
}
