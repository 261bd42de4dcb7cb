package io.newmankeyvault.reference;

import java.util.regex.Pattern;

/** Key Vault's rules for secret names and versions. */
public final class SecretNames {
  private static final Pattern NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");
  private static final Pattern VERSION = Pattern.compile("[0-9A-Fa-f]{32}");

  private SecretNames() {}

  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  public static boolean isValidVersion(String version) {
    return VERSION.matcher(version).matches();
  }

  /** Returns the name, or throws saying which rule it breaks. */
  public static String requireValidName(String name) {
    if (!isValidName(name)) {
      throw new ReferenceException(
          "'" + name + "' is not a valid Key Vault secret name (1 to 127 letters, digits and '-')");
    }
    return name;
  }

  /** Returns the version, or throws saying what a version looks like. */
  public static String requireValidVersion(String version) {
    if (!isValidVersion(version)) {
      throw new ReferenceException(
          "'" + version + "' is not a Key Vault secret version (32 hexadecimal digits)");
    }
    return version;
  }
}
