package io.newmankeyvault.hydrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.postman.CollectionFile;
import io.newmankeyvault.postman.CollectionScan;
import io.newmankeyvault.postman.EnvironmentFile;
import io.newmankeyvault.reference.ReferenceParser;
import io.newmankeyvault.reference.SecretId;
import io.newmankeyvault.reference.Vaults;
import io.newmankeyvault.secrets.SecretLookup;
import io.newmankeyvault.secrets.SecretSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each {@code test-fixtures/hydration/NAME.input.json} holds options, secrets, an
 * environment, a collection and globals (each optional but the collection); {@code
 * NAME.expected.json} is the environment Newman must get, {@code NAME.vault.json} the vault scope
 * (the {@code {{vault:NAME}}} secrets with their domains), {@code NAME.postman-cli.json} the
 * environment the Postman CLI gets (no vault scope: {@code vault:NAME} entries instead).
 */
class HydrationGoldenTest {
  private static final Path DIR = Path.of("test-fixtures", "hydration");

  @TempDir Path tmp;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".input.json"))
          .map(n -> n.substring(0, n.length() - ".input.json".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hydratesAsTheGoldenFileSays(String name) throws IOException {
    JsonNode input = Json.MAPPER.readTree(DIR.resolve(name + ".input.json").toFile());
    JsonNode options = input.path("options");

    Path collectionFile = tmp.resolve("collection.json");
    Json.MAPPER.writeValue(collectionFile.toFile(), input.get("collection"));
    ObjectNode environment = EnvironmentFile.empty();
    if (input.has("environment")) {
      Path environmentFile = tmp.resolve("environment.json");
      Json.MAPPER.writeValue(environmentFile.toFile(), input.get("environment"));
      environment = EnvironmentFile.load(environmentFile);
    }
    CollectionScan collection = CollectionFile.scan(collectionFile);
    ObjectNode globals = null;
    if (input.has("globals")) {
      Path globalsFile = tmp.resolve("globals.json");
      Json.MAPPER.writeValue(globalsFile.toFile(), input.get("globals"));
      globals = EnvironmentFile.loadGlobals(globalsFile);
    }

    Map<String, String> nameMap = new LinkedHashMap<>();
    options
        .path("map")
        .fields()
        .forEachRemaining(e -> nameMap.put(e.getKey(), e.getValue().asText()));
    List<SecretOption> secretOptions = new ArrayList<>();
    for (JsonNode option : options.path("secret")) {
      String text = option.asText();
      secretOptions.add(
          new SecretOption(
              text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1)));
    }
    ReferenceParser parser =
        new ReferenceParser(new Vaults(options.path("keyVault").asText(null), null), nameMap);
    Plan plan =
        new Planner(parser).plan(environment, globals, collection, secretOptions, List.of());

    CountingSource source = new CountingSource(input.get("secrets"));
    Resolution resolution = Resolution.resolve(plan, source);
    assertThat(resolution.failures()).isEmpty();
    byte[] hydrated = Hydrator.hydrate(environment, resolution);

    JsonNode expected = Json.MAPPER.readTree(DIR.resolve(name + ".expected.json").toFile());
    assertThat(Json.MAPPER.readTree(hydrated)).isEqualTo(expected);
    Path forCli = DIR.resolve(name + ".postman-cli.json");
    assertThat(Json.MAPPER.readTree(Hydrator.hydrateForPostmanCli(environment, resolution)))
        .as("the environment the Postman CLI gets")
        .isEqualTo(Json.MAPPER.readTree(forCli.toFile()));
    Map<String, List<String>> allowedDomains = new LinkedHashMap<>();
    options
        .path("allowedDomains")
        .fields()
        .forEachRemaining(
            e -> {
              List<String> patterns = new ArrayList<>();
              e.getValue().forEach(pattern -> patterns.add(pattern.asText()));
              allowedDomains.put(e.getKey(), patterns);
            });
    JsonNode expectedVault = Json.MAPPER.readTree(DIR.resolve(name + ".vault.json").toFile());
    List<String> scriptAccess = new ArrayList<>();
    options.path("scriptAccess").forEach(secret -> scriptAccess.add(secret.asText()));
    JsonNode vault =
        Json.MAPPER.readTree(VaultScope.json(resolution, allowedDomains, scriptAccess));
    // The forms are the redactor's (tested there): here, that each bound secret has its value
    // among them, and otherwise the scope and the policy as golden.
    for (JsonNode rule : vault.path("policy")) {
      assertThat(rule.path("forms").size()).as("forms of %s", rule.path("secret")).isPositive();
      ((com.fasterxml.jackson.databind.node.ObjectNode) rule).remove("forms");
    }
    assertThat(vault).as("the vault scope and the domain policy").isEqualTo(expectedVault);
    assertThat(source.reads)
        .allSatisfy((id, count) -> assertThat(count).as("reads of " + id).isEqualTo(1));
    assertThat(source.reads.keySet())
        .extracting(SecretId::name)
        .noneMatch(secret -> secret.startsWith("never-read") || secret.startsWith("not-read"));
  }

  @Test
  void everyGoldenInputHasAnExpectedFileAndViceVersa() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      for (String file : names) {
        String base = file.replaceFirst("\\.(input|expected|vault|postman-cli)\\.json$", "");
        assertThat(names)
            .as("golden files for " + file)
            .contains(
                base + ".input.json",
                base + ".expected.json",
                base + ".vault.json",
                base + ".postman-cli.json");
      }
    }
  }

  /** Answers from a JSON object of name to value, counting reads per secret. */
  private static final class CountingSource implements SecretSource {
    private final JsonNode secrets;
    final Map<SecretId, Integer> reads = new HashMap<>();

    CountingSource(JsonNode secrets) {
      this.secrets = secrets;
    }

    @Override
    public Map<SecretId, SecretLookup> readAll(Set<SecretId> ids) {
      Map<SecretId, SecretLookup> answers = new HashMap<>();
      for (SecretId id : ids) {
        reads.merge(id, 1, Integer::sum);
        JsonNode value = secrets.get(id.name());
        answers.put(
            id,
            value == null
                ? new SecretLookup.Failed("not in the test's secrets")
                : new SecretLookup.Found(value.asText(), null, null));
      }
      return answers;
    }

    @Override
    public String description() {
      return "test secrets";
    }
  }
}
