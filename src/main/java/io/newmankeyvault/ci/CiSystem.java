package io.newmankeyvault.ci;

import java.util.Map;

/** The CI system the tool runs under, as its environment variables tell. */
public enum CiSystem {
  GITHUB_ACTIONS,
  AZURE_PIPELINES,
  NONE;

  /** {@code GITHUB_ACTIONS=true} or {@code TF_BUILD=True}, else none. */
  public static CiSystem detect(Map<String, String> environment) {
    if ("true".equalsIgnoreCase(environment.getOrDefault("GITHUB_ACTIONS", ""))) {
      return GITHUB_ACTIONS;
    }
    if ("true".equalsIgnoreCase(environment.getOrDefault("TF_BUILD", ""))) {
      return AZURE_PIPELINES;
    }
    return NONE;
  }
}
