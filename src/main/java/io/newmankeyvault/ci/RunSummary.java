package io.newmankeyvault.ci;

import io.newmankeyvault.reports.NewmanResults;
import java.util.List;

/**
 * What a CI summary shows of a run: never a value.
 *
 * @param collection the collection's name
 * @param variables which variable came from which vault and secret
 * @param results Newman's totals and failures, or null when Newman did not run or wrote none
 * @param exitCode the tool's exit code
 */
public record RunSummary(
    String collection, List<Variable> variables, NewmanResults results, int exitCode) {

  /**
   * One hydrated variable.
   *
   * @param name the variable
   * @param vault the vault's host, or "-"
   * @param secret the secret name (and version)
   * @param status "ok", or why it could not be read
   */
  public record Variable(
      String name, String vault, String secret, String allowedDomains, String status) {}
}
