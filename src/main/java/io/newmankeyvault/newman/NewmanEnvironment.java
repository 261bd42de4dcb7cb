package io.newmankeyvault.newman;

import io.newmankeyvault.base.CredentialVariables;
import io.newmankeyvault.base.UserFacingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The environment Newman's process starts with: an allow-list of the tool's, and the names the user
 * passes on with {@code --newman-env}.
 */
public final class NewmanEnvironment {
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
          // Where the image's `postman` keeps the Postman CLI it installs (docker/postman).
          "NKV_POSTMAN_CLI_HOME",
          // Windows: what Node needs to find itself and its temp directory.
          "SystemRoot",
          "SYSTEMROOT",
          "windir",
          "ComSpec",
          "PATHEXT",
          "USERPROFILE",
          "APPDATA",
          "LOCALAPPDATA");

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private NewmanEnvironment() {}

  /** The variables of {@code environment} that Newman gets, with those the user named. */
  public static Map<String, String> of(Map<String, String> environment, List<String> named) {
    Map<String, String> child = new HashMap<>();
    environment.forEach(
        (name, value) -> {
          if (PASSED_VARIABLES.contains(name) || name.startsWith("LC_") || named.contains(name)) {
            child.put(name, value);
          }
        });
    return child;
  }

  /**
   * The {@code --newman-env} names, checked: a variable name, and not one of the tool's own
   * credentials or settings (exit 2).
   */
  public static List<String> checkedNames(List<String> names) {
    List<String> checked = new ArrayList<>();
    for (String given : names) {
      String name = given.strip();
      if (!NAME.matcher(name).matches()) {
        throw UserFacingException.usage(
            "--newman-env '" + name + "' is not a variable name: pass one NAME per option");
      }
      if (CredentialVariables.TOOLS_OWN.contains(name) || name.startsWith("NKV_")) {
        throw UserFacingException.usage(
            "--newman-env "
                + name
                + ": newman-keyvault's own credentials and settings never reach Newman");
      }
      checked.add(name);
    }
    return checked;
  }
}
