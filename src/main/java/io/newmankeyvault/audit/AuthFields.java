package io.newmankeyvault.audit;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which fields of each Postman auth type are credentials, and the rule that reports them. */
final class AuthFields {
  /** One auth type: its rule and its credential fields (lowercase). */
  record Type(Rule rule, Set<String> credentials) {}

  private static final Map<String, Type> TYPES =
      Map.ofEntries(
          Map.entry("basic", new Type(Rule.AUTH_BASIC, Set.of("password"))),
          Map.entry("bearer", new Type(Rule.AUTH_BEARER, Set.of("token"))),
          Map.entry("apikey", new Type(Rule.AUTH_APIKEY, Set.of("value"))),
          Map.entry(
              "oauth1",
              new Type(
                  Rule.AUTH_OAUTH1,
                  Set.of("consumerkey", "consumersecret", "token", "tokensecret", "privatekey"))),
          Map.entry(
              "oauth2",
              new Type(
                  Rule.AUTH_OAUTH2,
                  Set.of("accesstoken", "clientsecret", "refreshtoken", "password", "idtoken"))),
          Map.entry("digest", new Type(Rule.AUTH_DIGEST, Set.of("password"))),
          Map.entry("awsv4", new Type(Rule.AUTH_AWSV4, Set.of("secretkey", "sessiontoken"))),
          Map.entry("hawk", new Type(Rule.AUTH_HAWK, Set.of("authkey"))),
          Map.entry("ntlm", new Type(Rule.AUTH_NTLM, Set.of("password"))),
          Map.entry("jwt", new Type(Rule.AUTH_JWT, Set.of("secret", "privatekey"))),
          Map.entry(
              "edgegrid",
              new Type(Rule.AUTH_EDGEGRID, Set.of("clientsecret", "accesstoken", "clienttoken"))),
          Map.entry(
              "akamai",
              new Type(Rule.AUTH_EDGEGRID, Set.of("clientsecret", "accesstoken", "clienttoken"))),
          Map.entry("asap", new Type(Rule.AUTH_ASAP, Set.of("privatekey"))));

  private AuthFields() {}

  /** The type of an auth block's {@code type}, or null for noauth, inherit and unknown types. */
  static Type type(String type) {
    return type == null ? null : TYPES.get(type.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a field of that type holds a credential ({@code clientSecret}, {@code client_secret}).
   */
  static boolean isCredential(Type type, String field) {
    return type.credentials()
        .contains(field.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""));
  }
}
