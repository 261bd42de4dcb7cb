package io.newmankeyvault.keyvault;

import com.azure.identity.CredentialUnavailableException;
import io.newmankeyvault.base.UserFacingException;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed sign-in into one line that says what to change: the federated credential to create
 * (with the presented token's claims, never the token), the tenant to use, the permission to add to
 * the workflow.
 */
final class SignInFailures {
  private static final Pattern AADSTS = Pattern.compile("(AADSTS\\d+)(: [^\\r\\n]*)?");
  private static final Pattern OTHER_TENANT =
      Pattern.compile(
          "not configured to acquire tokens for tenant ([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)");

  private SignInFailures() {}

  /** Whether an exception from a read is a sign-in failure rather than the vault's answer. */
  static boolean isSignInFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UserFacingException
          || t instanceof CredentialUnavailableException
          || (t instanceof com.azure.core.exception.ClientAuthenticationException auth
              && auth.getResponse() == null)
          || String.valueOf(t.getMessage()).contains("AADSTS")
          || OTHER_TENANT.matcher(String.valueOf(t.getMessage())).find()) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The user-facing message for a failed sign-in. */
  static String explain(SignIn signIn, Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof UserFacingException own) {
        return own.getMessage();
      }
    }
    KeyVaultOptions options = signIn.options();
    Optional<String> refused = options.proxies().refusal(e, URI.create(options.authorityHost()));
    if (refused.isPresent()) {
      return "Azure sign-in failed: " + refused.get();
    }
    String text = allMessages(e);
    String how =
        signIn.mode() == null
            ? "the Azure SDK's default chain"
            : "--auth " + signIn.mode().optionValue();
    Matcher otherTenant = OTHER_TENANT.matcher(text);
    if (otherTenant.find()) {
      return "Azure sign-in failed: the vault belongs to tenant "
          + otherTenant.group(1)
          + " but the sign-in is for tenant "
          + options.tenantId()
          + ": set --tenant-id (AZURE_TENANT_ID) to the vault's tenant";
    }
    Matcher aadsts = AADSTS.matcher(text);
    String code = aadsts.find() ? aadsts.group(1) : "";
    String detail = code.isEmpty() ? "" : firstSentence(aadsts.group(0));
    Optional<String> fix = knownFix(signIn, code);
    if (fix.isPresent()) {
      return fix.get();
    }
    if (!code.isEmpty()) {
      return "Azure sign-in with " + how + " failed: " + detail;
    }
    if (hasCause(e, CredentialUnavailableException.class)) {
      return "Azure sign-in failed: no sign-in method is available here ("
          + how
          + "): in GitHub Actions add 'permissions: id-token: write' (and --client-id,"
          + " --tenant-id); in Azure Pipelines map SYSTEM_ACCESSTOKEN; locally run 'az login'";
    }
    return "Azure sign-in with "
        + how
        + " failed ("
        + e.getClass().getSimpleName()
        + "): "
        + firstSentence(String.valueOf(e.getMessage()));
  }

  /** The message for an AADSTS code whose fix is known; empty for any other code, or none. */
  private static Optional<String> knownFix(SignIn signIn, String code) {
    KeyVaultOptions options = signIn.options();
    return switch (code) {
      case "AADSTS700213", "AADSTS70021" -> Optional.of(noFederatedCredential(signIn, code));
      case "AADSTS90002", "AADSTS900023", "AADSTS90013" ->
          Optional.of(
              "Azure sign-in failed: tenant '"
                  + options.tenantId()
                  + "' was not found ("
                  + code
                  + "): set --tenant-id (AZURE_TENANT_ID) to the directory (tenant) id of the app"
                  + " registration");
      case "AADSTS700016" ->
          Optional.of(
              "Azure sign-in failed: app "
                  + options.clientId()
                  + " was not found in tenant "
                  + options.tenantId()
                  + " ("
                  + code
                  + "): check --client-id and --tenant-id (a wrong tenant is the usual cause)");
      case "AADSTS700024", "AADSTS700027" ->
          Optional.of(
              "Azure sign-in failed: the OIDC token was rejected as expired or not yet valid ("
                  + code
                  + "): rerun the job, and check the runner's clock");
      case "AADSTS7000215", "AADSTS7000222" ->
          Optional.of(
              "Azure sign-in failed: the client secret is invalid or expired ("
                  + code
                  + "): prefer --auth github or azure-pipelines (no secret to rotate)");
      default -> Optional.empty();
    };
  }

  /**
   * No federated credential matched the OIDC token: the one to add, from the presented token's
   * claims when they can be read.
   */
  private static String noFederatedCredential(SignIn signIn, String code) {
    KeyVaultOptions options = signIn.options();
    Optional<Jwt> claims = signIn.presentedClaims();
    String fix =
        claims
            .map(
                jwt ->
                    " The presented token has "
                        + jwt.describe()
                        + ". Add a federated credential to app "
                        + options.clientId()
                        + " with issuer '"
                        + jwt.issuer()
                        + "', subject '"
                        + jwt.subject()
                        + "' and audience '"
                        + jwt.audience()
                        + "' (az ad app federated-credential create --id "
                        + options.clientId()
                        + " ...), or change the job to match an existing one.")
            .orElse(
                " Add a federated credential to app "
                    + options.clientId()
                    + " whose issuer, subject and audience match this job's OIDC token.");
    return "Azure sign-in failed: no federated credential of app "
        + options.clientId()
        + " matches this job's OIDC token ("
        + code
        + ")."
        + fix;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String allMessages(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      text.append(t.getMessage()).append('\n');
    }
    return text.toString();
  }

  /** The text up to its first ". " or line end, at most 300 characters. */
  static String firstSentence(String text) {
    String line = text.lines().findFirst().orElse("").strip();
    int stop = line.indexOf(". ");
    String sentence = stop > 0 ? line.substring(0, stop + 1) : line;
    return sentence.length() > 300 ? sentence.substring(0, 300) + "..." : sentence;
  }
}
