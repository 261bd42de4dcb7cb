package io.newmankeyvault.newman;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The environment Newman's process starts with: an allow-list of the tool's. */
final class NewmanEnvironment {
  /**
   * What Newman's process gets of the tool's environment: what Node, Newman and its reporters need
   * to run (the search path, home, temp, locale, terminal, proxies, Node's own settings and CAs),
   * and nothing else; a variable not named here (a runner's token, a cloud credential) never
   * reaches Newman. Names that start with {@code LC_} are locale settings too.
   */
  private static final Set<String> PASSED_VARIABLES =
      Set.of(
          "PATH",
          "HOME",
          "USER",
          "LOGNAME",
          "SHELL",
          "TMPDIR",
          "TMP",
          "TEMP",
          "LANG",
          "LANGUAGE",
          "TZ",
          "TERM",
          "COLUMNS",
          "NO_COLOR",
          "FORCE_COLOR",
          "CI",
          "NODE_OPTIONS",
          "NODE_PATH",
          "NODE_EXTRA_CA_CERTS",
          "NODE_TLS_REJECT_UNAUTHORIZED",
          "SSL_CERT_FILE",
          "SSL_CERT_DIR",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "NO_PROXY",
          "http_proxy",
          "https_proxy",
          "no_proxy",
          // Windows: what Node needs to find itself and its temp directory.
          "SystemRoot",
          "SYSTEMROOT",
          "windir",
          "ComSpec",
          "PATHEXT",
          "USERPROFILE",
          "APPDATA",
          "LOCALAPPDATA");

  private NewmanEnvironment() {}

  /** The variables of {@code environment} that Newman gets. */
  static Map<String, String> of(Map<String, String> environment) {
    Map<String, String> child = new HashMap<>();
    environment.forEach(
        (name, value) -> {
          if (PASSED_VARIABLES.contains(name) || name.startsWith("LC_")) {
            child.put(name, value);
          }
        });
    return child;
  }
}
