package io.newmankeyvault.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version the build wrote into {@code version.properties}. */
public final class Version {
  private Version() {}

  /** The tool's version, e.g. {@code 0.1.0}; {@code unknown} outside a build. */
  public static String current() {
    Properties properties = new Properties();
    try (InputStream in =
        Version.class.getResourceAsStream("/io/newmankeyvault/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }
}
