package io.newmankeyvault.run;

/** How a dry run prints its plan. */
public enum OutputFormat {
  text,
  json
}
