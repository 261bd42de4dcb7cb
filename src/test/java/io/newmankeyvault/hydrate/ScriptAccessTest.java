package io.newmankeyvault.hydrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.postman.CollectionScan;
import io.newmankeyvault.reference.ReferenceParser;
import io.newmankeyvault.reference.SecretId;
import io.newmankeyvault.reference.Vaults;
import io.newmankeyvault.secrets.SecretLookup;
import io.newmankeyvault.secrets.SecretSource;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which secrets scripts may read through {@code pm.vault}, and the errors that name the right
 * secret when {@code --script-access} or a tag is wrong; and the secure variables the planner
 * refuses.
 */
class ScriptAccessTest {
  private final Planner planner =
      new Planner(new ReferenceParser(new Vaults("kv-prod", null), Map.of()));

  private static ObjectNode environment(String json) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(json);
  }

  private static CollectionScan collection(String... vaultNames) {
    return new CollectionScan(null, "c", new LinkedHashSet<>(List.of(vaultNames)), List.of());
  }

  private Plan plan() throws Exception {
    return planner.plan(
        environment(
            """
            {"values":[
              {"key":"api_key","value":"","source":{"provider":"postman","postman":{"type":"local"}}},
              {"key":"db","value":"akv://kv-prod/db-password"}]}
            """),
        collection("token"),
        List.of());
  }

  private static Resolution resolve(Plan plan, Map<String, String> tags) {
    SecretSource source =
        new SecretSource() {
          @Override
          public Map<SecretId, SecretLookup> readAll(Set<SecretId> ids) {
            Map<SecretId, SecretLookup> answers = new HashMap<>();
            ids.forEach(
                id ->
                    answers.put(
                        id,
                        new SecretLookup.Found(
                            "value-of-" + id.name(), null, null, List.of(), tags.get(id.name()))));
            return answers;
          }

          @Override
          public String description() {
            return "test";
          }
        };
    return Resolution.resolve(plan, source);
  }

  @Test
  void scriptsReadOnlyWhatTheOptionOrTheTagAllows() throws Exception {
    Plan plan = plan();
    assertThat(ScriptAccess.readableNames(resolve(plan, Map.of()), List.of())).isEmpty();
    assertThat(ScriptAccess.readableNames(resolve(plan, Map.of()), List.of("api-key")))
        .containsExactly("api_key");
    assertThat(ScriptAccess.readableNames(resolve(plan, Map.of("token", " TRUE ")), List.of()))
        .containsExactly("token");
    assertThat(ScriptAccess.readableNames(resolve(plan, Map.of("token", "false")), List.of()))
        .isEmpty();
    assertThat(ScriptAccess.badTags(resolve(plan, Map.of("token", "yes"))))
        .containsExactly(
            "secret 'token' (vault kv-prod.vault.azure.net): its script-access tag is neither true"
                + " nor false: fix the tag");
  }

  @Test
  void aWrongNameGetsTheSecretItProbablyMeant() throws Exception {
    assertThat(ScriptAccess.unknownNames(plan(), List.of("api_key", "db-password", "tokn", "x")))
        .containsExactly(
            "--script-access names secret 'api_key', which no {{vault:}} reference or secure"
                + " variable of this run reads (name the Key Vault secret); did you mean"
                + " 'api-key', the Key Vault secret behind {{vault:api_key}}?",
            "--script-access names secret 'db-password', which no {{vault:}} reference or secure"
                + " variable of this run reads (name the Key Vault secret): it reaches Newman as"
                + " environment variable 'db', which scripts read with pm.environment already",
            "--script-access names secret 'tokn', which no {{vault:}} reference or secure"
                + " variable of this run reads (name the Key Vault secret); did you mean 'token'?",
            "--script-access names secret 'x', which no {{vault:}} reference or secure variable"
                + " of this run reads (name the Key Vault secret): those of this run are api-key,"
                + " token");
  }

  @Test
  void aSecureVariableWhoseKeyCannotNameASecretIsOneLineEach() throws Exception {
    assertThatThrownBy(
            () ->
                planner.plan(
                    environment(
                        """
                        {"values":[
                          {"key":"a{b","source":{"provider":"postman","postman":{}}},
                          {"key":"no/slash","source":{"provider":"postman","postman":{}}}]}
                        """),
                    collection(),
                    List.of()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining(
            "secure variable 'a{b' (environment): a key with braces cannot name a vault secret")
        .hasMessageContaining("secure variable 'no/slash' (environment): ");
  }
}
