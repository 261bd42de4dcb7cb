package io.newmankeyvault.audit;

/**
 * What the audit looks for: one rule per kind of credential in clear, with its id (stable: SARIF
 * consumers and baselines key on it), the highest severity it reports and the one sentence that
 * says what to do. A field rule reports each finding at the severity its value earns (high when it
 * looks issued, medium when chosen: see {@link Judgement}); token shapes and known secrets at the
 * rule's own. {@link #rank} orders rules at one location: only the most telling kind is reported
 * there (a JWT in a bearer token is reported as a JWT, not twice).
 */
public enum Rule {
  KNOWN_SECRET(
      "NKV-KNOWN-SECRET",
      Severity.HIGH,
      0,
      "A literal equal to a secret that Key Vault (or the secrets file) holds",
      "This is the value of a Key Vault secret pasted in clear: delete it, reference the secret"
          + " as {{vault:NAME}}, and rotate it."),
  VARIABLE_SECRET_TYPE(
      "NKV-VAR-SECRET",
      Severity.HIGH,
      2,
      "A variable of type secret with a literal value",
      "Store the value in Key Vault and set the variable to {{vault:NAME}} or akv://VAULT/NAME."),
  VARIABLE_NAME(
      "NKV-VAR-NAME",
      Severity.HIGH,
      2,
      "A variable named like a credential with a literal value",
      "If this is a credential, store it in Key Vault and set the variable to {{vault:NAME}}."),
  AUTH_BASIC(authRule("BASIC", "Basic auth password")),
  AUTH_BEARER(authRule("BEARER", "Bearer token")),
  AUTH_APIKEY(authRule("APIKEY", "API key auth value")),
  AUTH_OAUTH1(authRule("OAUTH1", "OAuth 1.0 secret")),
  AUTH_OAUTH2(authRule("OAUTH2", "OAuth 2.0 token, client secret or password")),
  AUTH_DIGEST(authRule("DIGEST", "Digest auth password")),
  AUTH_AWSV4(authRule("AWSV4", "AWS Signature secret key or session token")),
  AUTH_HAWK(authRule("HAWK", "Hawk auth key")),
  AUTH_NTLM(authRule("NTLM", "NTLM password")),
  AUTH_JWT(authRule("JWT", "JWT bearer signing secret or private key")),
  AUTH_EDGEGRID(authRule("EDGEGRID", "Akamai EdgeGrid secret or token")),
  AUTH_ASAP(authRule("ASAP", "ASAP (Atlassian) private key")),
  HEADER(
      "NKV-HEADER",
      Severity.HIGH,
      2,
      "A credential header (Authorization, Cookie, X-Api-Key, ...) with a literal value",
      "Store the credential in Key Vault and write the header as, e.g., Bearer {{vault:NAME}}."),
  PARAMETER(
      "NKV-QUERY-PARAM",
      Severity.HIGH,
      2,
      "A credential query or form parameter (api_key, access_token, sig, ...) with a literal value",
      "Store the credential in Key Vault and write the parameter as NAME={{vault:NAME}}."),
  BODY_FIELD(
      "NKV-BODY-FIELD",
      Severity.HIGH,
      2,
      "A field of a raw body or a saved response (JSON, urlencoded or XML) named for a credential,"
          + " with a literal value",
      "Store the credential in Key Vault and write the field as \"{{vault:NAME}}\"."),
  TOKEN_JWT(tokenRule("JWT", "A signed JSON Web Token")),
  TOKEN_JWT_UNSIGNED(
      "NKV-TOKEN-JWT-UNSIGNED",
      Severity.LOW,
      3,
      "An unsigned JSON Web Token (alg none) in clear",
      "No one can be signed in with it alone, but a server that accepts alg none can: if it is a"
          + " real token, store it in Key Vault and reference it as {{vault:NAME}}."),
  TOKEN_PRIVATE_KEY(tokenRule("PRIVATE-KEY", "A PEM private key block")),
  TOKEN_POSTMAN(tokenRule("POSTMAN-API-KEY", "A Postman API key")),
  TOKEN_GITHUB(tokenRule("GITHUB", "A GitHub token")),
  TOKEN_AZURE_STORAGE_KEY(tokenRule("AZURE-STORAGE-KEY", "An Azure storage account key")),
  TOKEN_AZURE_SAS(tokenRule("AZURE-SAS", "An Azure shared access signature in a URL")),
  TOKEN_AZURE_AD_SECRET(tokenRule("AZURE-AD-SECRET", "An Entra ID (Azure AD) client secret")),
  TOKEN_AWS_ACCESS_KEY(tokenRule("AWS-ACCESS-KEY", "An AWS access key id")),
  TOKEN_AWS_SECRET_KEY(tokenRule("AWS-SECRET-KEY", "An AWS secret access key next to its key id")),
  TOKEN_SLACK(tokenRule("SLACK", "A Slack token")),
  TOKEN_STRIPE(tokenRule("STRIPE", "A Stripe live secret or restricted key")),
  TOKEN_STRIPE_TEST(
      "NKV-TOKEN-STRIPE-TEST",
      Severity.MEDIUM,
      3,
      "A Stripe test-mode secret or restricted key in clear",
      "Test keys move no money but read and change the test account: store it in Key Vault and"
          + " reference it as {{vault:NAME}}."),
  TOKEN_GOOGLE_API_KEY(tokenRule("GOOGLE-API-KEY", "A Google API key")),
  TOKEN_CONNECTION_STRING(tokenRule("CONNECTION-STRING", "A connection string with a password")),
  HIGH_ENTROPY(
      "NKV-ENTROPY",
      Severity.LOW,
      4,
      "A variable value that looks random (high entropy)",
      "If this is a credential, store it in Key Vault and set the variable to {{vault:NAME}};"
          + " else accept it in the baseline.");

  private final String id;
  private final Severity severity;
  private final int rank;
  private final String description;
  private final String help;

  Rule(String id, Severity severity, int rank, String description, String help) {
    this.id = id;
    this.severity = severity;
    this.rank = rank;
    this.description = description;
    this.help = help;
  }

  Rule(Rule.Spec spec) {
    this(spec.id, spec.severity, spec.rank, spec.description, spec.help);
  }

  /** Constructor arguments shared by a family of rules. */
  private record Spec(String id, Severity severity, int rank, String description, String help) {}

  private static Spec authRule(String type, String what) {
    return new Spec(
        "NKV-AUTH-" + type,
        Severity.HIGH,
        2,
        "A " + what + " stored in clear in an auth block",
        "Store it in Key Vault and put {{vault:NAME}} in the auth field instead.");
  }

  private static Spec tokenRule(String kind, String what) {
    return new Spec(
        "NKV-TOKEN-" + kind,
        Severity.HIGH,
        1,
        what + " in clear",
        "Revoke or rotate it, store the new one in Key Vault and reference it as {{vault:NAME}}.");
  }

  /** The rule id, e.g. {@code NKV-AUTH-BASIC}. */
  public String id() {
    return id;
  }

  /** The highest severity the rule reports (its level in SARIF's rule list). */
  public Severity severity() {
    return severity;
  }

  /** Lower wins when several rules match at one location. */
  int rank() {
    return rank;
  }

  /** What the rule finds, as a short phrase. */
  public String description() {
    return description;
  }

  /** The one sentence that tells what to do. */
  public String help() {
    return help;
  }
}
