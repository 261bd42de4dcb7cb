package io.newmankeyvault.ci;

import io.newmankeyvault.redact.ProtectedValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The logging commands that tell a CI system to mask a value in its logs: {@code ::add-mask::} in
 * GitHub Actions, {@code ##vso[task.setsecret]} in Azure Pipelines. A multi-line value is masked
 * line by line (Azure Pipelines refuses multi-line secrets, and both mask log lines one at a time);
 * lines shorter than 4 characters or without a letter or digit are skipped, so "{", "}" or "-----"
 * do not blank out the log.
 */
public final class MaskCommands {
  private MaskCommands() {}

  /** The command lines (without line ends) that mask a value; none outside CI. */
  public static List<String> forValue(CiSystem ci, String value) {
    List<String> commands = new ArrayList<>();
    if (ci == CiSystem.NONE || value.isEmpty()) {
      return commands;
    }
    for (String line : ProtectedValues.lines(value)) {
      commands.add(
          ci == CiSystem.GITHUB_ACTIONS
              ? "::add-mask::" + escapeGitHub(line)
              : "##vso[task.setsecret]" + escapeAzure(line));
    }
    return commands;
  }

  /** GitHub's escaping of command data (what @actions/core does). */
  static String escapeGitHub(String data) {
    return data.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Azure Pipelines' escaping of logging command data. */
  static String escapeAzure(String data) {
    return data.replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A");
  }
}
