package io.newmankeyvault.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into {@code version.properties}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/io/newmankeyvault/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {"newman-keyvault " + properties.getProperty("version", "unknown")};
  }
}
