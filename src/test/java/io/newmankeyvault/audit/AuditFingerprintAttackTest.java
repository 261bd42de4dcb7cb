package io.newmankeyvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newmankeyvault.base.Json;
import io.newmankeyvault.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker who can read a committed baseline and an uploaded SARIF file, and has the tool, tries
 * a small dictionary of passwords at each finding's place and checks which guess gives the
 * published fingerprint: without the fingerprint key no guess may stand out.
 */
class AuditFingerprintAttackTest {
  private static final String PASSWORD = "sunshine1";
  private static final String DB_PASSWORD = "dragon2024";
  private static final String BASIC = "Users / Get user › request.auth.basic.password";
  private static final String DB = "environment staging › values[db_password]";

  /** Spelled out rather than taken from the code: the name is part of the user contract. */
  private static final String KEY_VARIABLE = "NKV_AUDIT_FINGERPRINT_KEY";

  /** A key as a user would make it: {@code openssl rand -hex 32}. */
  private static final String KEY =
      "5f0c2a9d81e34b7c6a1f0e9d8c7b6a594837261504f3e2d1c0b9a8f7e6d5c4b3";

  /** Common passwords, as in any cracking word list: short, and the two real ones among them. */
  private static final List<String> DICTIONARY = dictionary();

  @TempDir Path dir;

  @Test
  void noGuessStandsOutInABaselineOrSarifWrittenWithoutAKey() throws IOException {
    Published published = victim(null);
    Map<String, Map<String, String>> tried = attack(null);

    for (String location : List.of(BASIC, DB)) {
      assertThat(matching(published, tried, location))
          .as("guesses whose fingerprint at %s is the published one", location)
          .isIn(Set.of(), findings(tried, location));
    }
  }

  @Test
  void withAKeyNoGuessStandsOutToWhoeverLacksItAndTheRightOneDoesWithIt() throws IOException {
    Published published = victim(KEY);

    for (String attackerKey : new String[] {null, "another-key-" + KEY.substring(12)}) {
      Map<String, Map<String, String>> tried = attack(attackerKey);
      for (String location : List.of(BASIC, DB)) {
        assertThat(matching(published, tried, location))
            .as("at %s with the attacker's key %s", location, attackerKey)
            .isIn(Set.of(), findings(tried, location));
      }
    }
    // The owner of the key tells values apart: a new value at a known place is a new finding.
    Map<String, Map<String, String>> withKey = attack(KEY);
    assertThat(matching(published, withKey, BASIC)).containsExactly(PASSWORD);
    assertThat(matching(published, withKey, DB)).containsExactly(DB_PASSWORD);
  }

  /** What the victim commits and uploads: fingerprints by location, from each file. */
  private record Published(Map<String, String> baseline, Map<String, String> sarif) {}

  private Published victim(String key) throws IOException {
    Path victim = Files.createDirectories(dir.resolve("victim"));
    Path collection = Files.writeString(victim.resolve("c.json"), collection(PASSWORD));
    Path env = Files.writeString(victim.resolve("e.json"), environment(DB_PASSWORD));
    Path baseline = victim.resolve("audit-baseline.json");
    Path sarif = victim.resolve("audit.sarif");
    Cli cli = cliWithKey(key);
    Cli.Result result =
        cli.run(
            "audit",
            "-c",
            collection.toString(),
            "-e",
            env.toString(),
            "--output",
            "sarif",
            "--output-file",
            sarif.toString(),
            "--write-baseline",
            baseline.toString());
    assertThat(result.exitCode()).as(result.stderr()).isZero();

    Map<String, String> fromBaseline = new HashMap<>();
    for (JsonNode entry : Json.MAPPER.readTree(baseline.toFile()).get("findings")) {
      fromBaseline.put(entry.get("location").asText(), entry.get("fingerprint").asText());
    }
    Map<String, String> fromSarif = new HashMap<>();
    for (JsonNode entry : Json.MAPPER.readTree(sarif.toFile()).get("runs").get(0).get("results")) {
      fromSarif.put(
          entry
              .get("locations")
              .get(0)
              .get("logicalLocations")
              .get(0)
              .get("fullyQualifiedName")
              .asText(),
          entry.get("partialFingerprints").elements().next().asText());
    }
    assertThat(fromBaseline).containsOnlyKeys(BASIC, DB);
    assertThat(fromSarif)
        .as("SARIF's partial fingerprints are the baseline's")
        .isEqualTo(fromBaseline);
    String published = Files.readString(baseline) + Files.readString(sarif);
    assertThat(published).doesNotContain(PASSWORD).doesNotContain(DB_PASSWORD).doesNotContain(KEY);
    return new Published(fromBaseline, fromSarif);
  }

  /**
   * The attack: each guess put at every place, audited with the attacker's key (or none); the
   * fingerprint each guess gives, by location.
   */
  private Map<String, Map<String, String>> attack(String key) throws IOException {
    Path attacker = Files.createDirectories(dir.resolve("attacker"));
    Cli cli = cliWithKey(key);
    Map<String, Map<String, String>> tried = new HashMap<>();
    for (String guess : DICTIONARY) {
      Path collection = Files.writeString(attacker.resolve("c.json"), collection(guess));
      Path env = Files.writeString(attacker.resolve("e.json"), environment(guess));
      // A guess that is no credential ("password") gives no finding to compare: it cannot match.
      Cli.Result result =
          cli.run(
              "audit",
              "-c",
              collection.toString(),
              "-e",
              env.toString(),
              "--output",
              "json",
              "--fail-on",
              "medium");
      assertThat(result.exitCode()).as(result.stderr()).isIn(0, 1);
      for (JsonNode finding : Json.MAPPER.readTree(result.stdout()).get("findings")) {
        tried
            .computeIfAbsent(finding.get("location").asText(), location -> new HashMap<>())
            .put(guess, finding.get("fingerprint").asText());
      }
    }
    return tried;
  }

  /** The guesses that are findings at a location (a stand-in such as "password" is none). */
  /** The tool with {@code key} as the fingerprint key, or with none where it is null. */
  private static Cli cliWithKey(String key) {
    Cli cli = new Cli();
    if (key != null) {
      cli.env.put(KEY_VARIABLE, key);
    }
    return cli;
  }

  private static Set<String> findings(Map<String, Map<String, String>> tried, String location) {
    assertThat(tried.getOrDefault(location, Map.of()))
        .as("guesses found at %s", location)
        .hasSizeGreaterThan(DICTIONARY.size() / 2);
    return tried.get(location).keySet();
  }

  /** The guesses that give the published fingerprint at a location. */
  private static Set<String> matching(
      Published published, Map<String, Map<String, String>> tried, String location) {
    String target = published.baseline().get(location);
    Set<String> matching = new LinkedHashSet<>();
    tried
        .getOrDefault(location, Map.of())
        .forEach(
            (guess, fingerprint) -> {
              if (fingerprint.equals(target)) {
                matching.add(guess);
              }
            });
    return matching;
  }

  private static String collection(String password) {
    return """
        {"info": {"_postman_id": "3f6c1d2e-8a4b-4c5d-9e0f-1a2b3c4d5e6f", "name": "Users API",
                  "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
         "item": [{"name": "Users", "item": [{"name": "Get user",
           "request": {"method": "GET", "url": "https://api.example.com/users/1",
             "auth": {"type": "basic", "basic": [
               {"key": "username", "value": "robot"}, {"key": "password", "value": "%s"}]}}}]}]}
        """
        .formatted(password);
  }

  private static String environment(String password) {
    return """
        {"id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "name": "staging",
         "values": [{"key": "db_password", "value": "%s", "enabled": true}]}
        """
        .formatted(password);
  }

  private static List<String> dictionary() {
    List<String> words = new ArrayList<>();
    for (String word :
        List.of(
            "password",
            "letmein",
            "dragon",
            "monkey",
            "sunshine",
            "princess",
            "qwerty",
            "shadow",
            "master",
            "football",
            "baseball",
            "welcome",
            "trustno1",
            "superman",
            "iloveyou")) {
      for (String suffix : List.of("", "1", "2024", "!")) {
        words.add(word + suffix);
      }
    }
    return List.copyOf(words);
  }
}
