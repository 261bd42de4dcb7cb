package io.newmankeyvault.keyvault;

import java.util.Locale;

/** How the tool signs in to Azure ({@code --auth}). */
public enum AuthMode {
  /** GitHub Actions OIDC, else Azure Pipelines OIDC, else workload identity, else the SDK chain. */
  AUTO,
  /** GitHub Actions OIDC: the job's ID token as a federated client assertion. */
  GITHUB,
  /** Azure Pipelines OIDC through a service connection (workload identity federation). */
  AZURE_PIPELINES,
  /** A federated token file ({@code AZURE_FEDERATED_TOKEN_FILE}), as in AKS workload identity. */
  WORKLOAD_IDENTITY,
  /** The managed identity of the VM, container or App Service the tool runs on. */
  MANAGED_IDENTITY,
  /** The Azure CLI's signed-in account ({@code az login}), for local runs. */
  AZURE_CLI,
  /** The Azure SDK's environment variables ({@code AZURE_CLIENT_SECRET}, certificates, ...). */
  ENVIRONMENT;

  /** The name users type: {@code azure-pipelines}. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@code --auth}'s value; null when it names no mode. */
  public static AuthMode fromOption(String value) {
    for (AuthMode mode : values()) {
      if (mode.optionValue().equalsIgnoreCase(value.strip())) {
        return mode;
      }
    }
    return null;
  }
}
