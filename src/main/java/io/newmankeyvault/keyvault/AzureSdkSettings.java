package io.newmankeyvault.keyvault;

import java.util.Map;

/**
 * JVM-wide settings the Azure SDK reads once, when it first loads, which {@code Main} applies at
 * start-up. No Azure class is loaded here: a run with a secrets file loads none.
 */
public final class AzureSdkSettings {
  private AzureSdkSettings() {}

  /**
   * The JDK transport reads bodies on azure-core's shared pool (10 x cores threads by default):
   * more concurrent synchronous reads than that stall until the read timeout. Its maximum is set
   * for the largest --parallelism (64, four threads each); threads are made only when needed.
   */
  public static Map<String, String> systemProperties() {
    return Map.of("azure.sdk.shared.threadpool.maxpoolsize", "256");
  }
}
