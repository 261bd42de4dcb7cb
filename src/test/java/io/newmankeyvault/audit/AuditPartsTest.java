package io.newmankeyvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import io.newmankeyvault.base.Json;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The audit's parts on their own: entropy, token shapes, the detector and the collection walker.
 */
class AuditPartsTest {
  // Made-up values of the real shapes; none is a live credential.
  private static final String GITHUB = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
  private static final String AWS_KEY_ID = "AKIA" + "Q2W3E4R5T6Y7U8I9";
  private static final String ISSUED = "k9Xq2LmP7vB4nR8tZ1wY";

  @Test
  void entropyTellsRandomKeysFromWordsAndUrls() {
    assertThat(Entropy.bitsPerChar("aaaa")).isZero();
    assertThat(Entropy.bitsPerChar("abcd")).isEqualTo(2.0);
    assertThat(Entropy.looksRandom("k9Xq2LmP7vB4nR8tZ1wY5cF3", 4.0)).isTrue();
    assertThat(Entropy.looksRandom("this is a sentence, not a key", 3.0)).isFalse();
    assertThat(Entropy.looksRandom("https://example.com/k9Xq2LmP7vB4nR8t", 3.0)).isFalse();
    assertThat(Entropy.looksRandom("k9Xq2LmP7vB4", 3.0))
        .as("shorter than %d", Entropy.MIN_LENGTH)
        .isFalse();
  }

  @Test
  void tokenShapesFindEachShapeInsideText() {
    assertThat(TokenShapes.find("token: " + GITHUB + " end"))
        .extracting(TokenShapes.Match::rule)
        .containsExactly(Rule.TOKEN_GITHUB);
    assertThat(TokenShapes.find("id=" + AWS_KEY_ID))
        .extracting(TokenShapes.Match::rule)
        .contains(Rule.TOKEN_AWS_ACCESS_KEY);
    assertThat(TokenShapes.find("Server=db;User Id=app;Password=S3cr3t-value;"))
        .extracting(TokenShapes.Match::rule, TokenShapes.Match::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Rule.TOKEN_CONNECTION_STRING, "S3cr3t-value"));
    assertThat(TokenShapes.find("password=alone, no connection string around it")).isEmpty();
    assertThat(TokenShapes.find("x" + GITHUB)).as("inside a longer word").isEmpty();
    assertThat(TokenShapes.find("plain text with nothing in it")).isEmpty();
  }

  @Test
  void placeholdersAndPublishedExamplesAreNoTokenFindings() {
    for (String placeholder :
        List.of(
            "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "AKIAXXXXXXXXXXXXXXXX",
            "AKIAIOSFODNN7EXAMPLE",
            "apiKey: \"AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
            "AIzaSyabcdefghijklmnopqrstuvwxyz1234567",
            "bP88Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "sk_live_YOUR_KEY_0000000000000000",
            "xoxp-572370529330-573807301142-572331691188-####################")) {
      assertThat(TokenShapes.find(placeholder)).as(placeholder).isEmpty();
    }
    // The same shapes with random parts are found.
    assertThat(TokenShapes.find(GITHUB)).isNotEmpty();
    assertThat(TokenShapes.find("AKIAQ2W3E4R5T6Y7U8I9")).isNotEmpty();
  }

  @Test
  void testKeysAreMediumUnsignedJwtsLowAndAFieldRuleStillWinsOverThem() {
    String unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0LXVzZXIifQ.";
    assertThat(TokenShapes.find("String t = \"" + unsigned + "\";"))
        .extracting(TokenShapes.Match::rule)
        .containsExactly(Rule.TOKEN_JWT_UNSIGNED);
    assertThat(Rule.TOKEN_JWT_UNSIGNED.severity()).isEqualTo(Severity.LOW);
    // A signed header with an empty signature is not "alg none": no finding.
    assertThat(TokenShapes.find("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0LXVzZXIifQ.")).isEmpty();
    assertThat(TokenShapes.find("Bearer sk_test_" + "Q7fLm2Xv9TpRw5Hn3KsB8dZc"))
        .extracting(TokenShapes.Match::rule)
        .containsExactly(Rule.TOKEN_STRIPE_TEST);
    assertThat(Rule.TOKEN_STRIPE_TEST.severity()).isEqualTo(Severity.MEDIUM);

    Detector detector = new Detector(Set.of(), 4.5);
    detector.header(() -> "h", 1, "Authorization", "Bearer " + unsigned);
    assertThat(
            DocumentAuditor.findings(
                new Document(Document.Kind.COLLECTION, "c", "c", "c.json"),
                detector.hits(),
                Fingerprints.byPlace()))
        .extracting(Finding::rule)
        .containsExactly(Rule.HEADER);
  }

  @Test
  void theDetectorJudgesAStringByTheFieldThatHoldsIt() {
    Detector detector = new Detector(Set.of("known-secret-value-1234"), 4.5);
    detector.variable(() -> "v1", 1, "db_password", "", "hunter2-literal");
    detector.variable(() -> "v2", 2, "db_password", "", "{{vault:db-password}}"); // a reference
    detector.variable(() -> "v3", 3, "greeting", "secret", "hello there");
    detector.header(() -> "h1", 4, "Authorization", "Bearer " + ISSUED);
    detector.header(() -> "h2", 5, "Authorization", "Bearer {{token}}");
    detector.queryParameter(() -> "p1", 6, "api_key", ISSUED);
    detector.queryParameter(() -> "p2", 7, "page", "2");
    detector.queryParameter(() -> "p3", 8, "key", "ds_api.user.username"); // a name, not a key
    detector.formField(() -> "f1", 9, "client_secret", "hunter2-literal");
    detector.variable(() -> "v4", 10, "db_password", "", "PASSWORD"); // a stand-in
    detector.text(() -> "t1", 11, "log('known-secret-value-1234')");
    assertThat(detector.hits())
        .extracting(Hit::rule, hit -> hit.location().get(), Hit::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Rule.VARIABLE_NAME, "v1", Severity.MEDIUM),
            org.assertj.core.groups.Tuple.tuple(Rule.VARIABLE_SECRET_TYPE, "v3", Severity.MEDIUM),
            org.assertj.core.groups.Tuple.tuple(Rule.HEADER, "h1", Severity.HIGH),
            org.assertj.core.groups.Tuple.tuple(Rule.PARAMETER, "p1", Severity.HIGH),
            org.assertj.core.groups.Tuple.tuple(Rule.PARAMETER, "f1", Severity.MEDIUM),
            org.assertj.core.groups.Tuple.tuple(Rule.KNOWN_SECRET, "t1", Severity.HIGH));
    assertThat(detector.hits().get(0).toString()).doesNotContain("hunter2");
  }

  @Test
  void theWalkerNamesEachStringsPlaceAndReportsTheCollection() throws IOException {
    String collection =
        """
        {"info": {"name": "walk", "_postman_id": "c-1", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
         "item": [
           {"name": "Folder", "item": [
             {"request": {"method": "GET", "url": "https://api.example.com/x?api_key=%s",
                          "header": [{"key": "Authorization", "value": "Bearer hunter2-literal"}]},
              "name": "Get x"}]},
           {"name": "Script", "event": [{"listen": "test", "script": {"exec": ["const t = '%s';"]}}],
            "request": "https://api.example.com/y"}]}
        """
            .formatted(ISSUED, GITHUB);
    Detector detector = new Detector(Set.of(), 9.0);
    CollectionWalker.Walked walked;
    try (JsonParser parser = Json.MAPPER.createParser(collection)) {
      parser.nextToken();
      walked = new CollectionWalker(parser, detector).walk();
    }
    assertThat(walked).isEqualTo(new CollectionWalker.Walked("walk", "c-1"));
    List<String> places =
        detector.hits().stream()
            .map(hit -> hit.rule() + " @ " + hit.location().get() + " line " + hit.line())
            .toList();
    assertThat(places)
        .containsExactly(
            "PARAMETER @ Folder / Get x › request.url?api_key line 4",
            "HEADER @ Folder / Get x › request.header[Authorization] line 5",
            "TOKEN_GITHUB @ Script › event[test].script line 7");
  }
}
