package io.newmankeyvault.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The claims of a JWT, read without checking its signature: only to explain a failed sign-in (which
 * issuer, subject and audience a federated credential must match) and to know when an OIDC token
 * expires. Never printed whole.
 *
 * @param issuer {@code iss}
 * @param subject {@code sub}
 * @param audience {@code aud} (the first, when it is a list)
 * @param expires {@code exp}, or null
 */
record Jwt(String issuer, String subject, String audience, Instant expires) {

  /** The claims, or empty when the text is not a JWT. */
  static Optional<Jwt> parse(String token) {
    String[] parts = token.strip().split("\\.");
    if (parts.length < 2) {
      return Optional.empty();
    }
    try {
      JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
      JsonNode aud = claims.path("aud");
      return Optional.of(
          new Jwt(
              claims.path("iss").asText(""),
              claims.path("sub").asText(""),
              aud.isArray() ? aud.path(0).asText("") : aud.asText(""),
              claims.path("exp").canConvertToLong()
                  ? Instant.ofEpochSecond(claims.path("exp").asLong())
                  : null));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code iss='…', sub='…', aud='…'}: claims only, never the token. */
  String describe() {
    return "iss='" + issuer + "', sub='" + subject + "', aud='" + audience + "'";
  }
}
