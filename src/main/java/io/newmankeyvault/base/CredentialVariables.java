package io.newmankeyvault.base;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The environment variables that hold the tool's own credentials, in one list. */
public final class CredentialVariables {
  /**
   * Variables whose values are credentials the tool may use (sign-in tokens, client secrets): a run
   * protects their values from its start, whatever it goes on to do.
   */
  public static final List<String> VALUES =
      List.of(
          "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
          "SYSTEM_ACCESSTOKEN",
          "AZURE_CLIENT_SECRET",
          "AZURE_CLIENT_CERTIFICATE_PASSWORD",
          "IDENTITY_HEADER",
          "MSI_SECRET");

  /**
   * Those values, the Postman API key (protected when it is read) and the variables that say where
   * a credential is: a runner never gets them, whatever the user names.
   */
  public static final Set<String> TOOLS_OWN =
      Stream.concat(
              VALUES.stream(),
              Stream.of(
                  "POSTMAN_API_KEY", "ACTIONS_ID_TOKEN_REQUEST_URL", "AZURE_FEDERATED_TOKEN_FILE"))
          .collect(Collectors.toUnmodifiableSet());

  private CredentialVariables() {}
}
