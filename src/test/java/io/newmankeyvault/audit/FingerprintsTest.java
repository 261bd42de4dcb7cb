package io.newmankeyvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.UserFacingException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints on their own: pinned values (the same on every machine and run), what each kind
 * depends on, the key's length, and the ordinal that keeps two findings at one place apart.
 */
class FingerprintsTest {
  private static final String KEY =
      "5f0c2a9d81e34b7c6a1f0e9d8c7b6a594837261504f3e2d1c0b9a8f7e6d5c4b3";
  private static final Document DOCUMENT =
      new Document(Document.Kind.COLLECTION, "Users API", "c-1", "users.json");
  private static final String PLACE = "Users / Get user › request.header[X-Api-Key]";

  // Made-up values of GitHub's token shape; none is a live credential.
  private static final String TOKEN_A = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
  private static final String TOKEN_B = "ghp_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2";

  @Test
  void fingerprintsArePinnedSoEveryMachineAndRunAgrees() {
    // Computed apart from this code (Python's hashlib and hmac over the length-prefixed fields
    // that docs/audit.md describes). A change of scheme must also change
    // SarifReport.FINGERPRINT_KEY and Baseline.VERSION, or old baselines would stop matching
    // without a word.
    assertThat(Fingerprints.byPlace().of(Rule.HEADER, DOCUMENT, PLACE, 0, "value"))
        .isEqualTo("388b790aa2ff63234c30");
    assertThat(Fingerprints.withKey(KEY).of(Rule.HEADER, DOCUMENT, PLACE, 0, "value"))
        .isEqualTo("1af90a36ddebaa0e4736");
  }

  @Test
  void withoutAKeyAFingerprintNamesThePlaceAndNothingOfTheValue() {
    Fingerprints byPlace = Fingerprints.byPlace();
    String fingerprint = byPlace.of(Rule.HEADER, DOCUMENT, PLACE, 0, "hunter2");

    assertThat(fingerprint).matches("[0-9a-f]{" + Fingerprints.LENGTH + "}");
    assertThat(byPlace.of(Rule.HEADER, DOCUMENT, PLACE, 0, "another value")).isEqualTo(fingerprint);
    assertThat(
            Set.of(
                fingerprint,
                byPlace.of(Rule.HEADER, DOCUMENT, PLACE, 1, "hunter2"),
                byPlace.of(Rule.PARAMETER, DOCUMENT, PLACE, 0, "hunter2"),
                byPlace.of(Rule.HEADER, DOCUMENT, PLACE + " ", 0, "hunter2"),
                byPlace.of(
                    Rule.HEADER,
                    new Document(Document.Kind.COLLECTION, "Users API", "c-2", "users.json"),
                    PLACE,
                    0,
                    "hunter2")))
        .as("the ordinal, the rule, the location and the document each count")
        .hasSize(5);
    // Fields are length-prefixed: moving a character from one field to the next is another id.
    assertThat(byPlace.of(Rule.HEADER, document("c-1a"), "b", 0, ""))
        .isNotEqualTo(byPlace.of(Rule.HEADER, document("c-1"), "ab", 0, ""));
    assertThat(byPlace.keyed()).isFalse();
  }

  @Test
  void withAKeyTheValueCountsAndAnotherKeyGivesOtherFingerprints() {
    Fingerprints keyed = Fingerprints.withKey(KEY);
    Fingerprints other = Fingerprints.withKey(KEY.replace('5', '6'));
    String fingerprint = keyed.of(Rule.HEADER, DOCUMENT, PLACE, 0, "hunter2");

    assertThat(keyed.keyed()).isTrue();
    assertThat(keyed.of(Rule.HEADER, DOCUMENT, PLACE, 0, "hunter3")).isNotEqualTo(fingerprint);
    assertThat(keyed.of(Rule.HEADER, DOCUMENT, PLACE, 3, "hunter2"))
        .as("the value keeps findings apart: no ordinal, so an insertion above moves nothing")
        .isEqualTo(fingerprint);
    assertThat(other.of(Rule.HEADER, DOCUMENT, PLACE, 0, "hunter2")).isNotEqualTo(fingerprint);
    assertThat(Fingerprints.byPlace().of(Rule.HEADER, DOCUMENT, PLACE, 0, "hunter2"))
        .isNotEqualTo(fingerprint);
  }

  @Test
  void anUnsetOrEmptyKeyMeansNoneAndAShortOneIsAUsageErrorThatNeverQuotesIt() {
    assertThat(Fingerprints.withKey(null).keyed()).isFalse();
    assertThat(Fingerprints.withKey("").keyed()).isFalse();
    String shortKey = "CANARY-short-key-0123456789abcd"; // 31 characters
    assertThatThrownBy(() -> Fingerprints.withKey(shortKey))
        .isInstanceOf(UserFacingException.class)
        .satisfies(e -> assertThat(((UserFacingException) e).kind()).isEqualTo(FailureKind.USAGE))
        .hasMessageContaining(Fingerprints.KEY_VARIABLE + " is too short")
        .hasMessageNotContaining("CANARY");
    assertThat(Fingerprints.withKey(shortKey + "e").keyed()).isTrue();
  }

  @Test
  void twoValuesOfOneRuleAtOnePlaceAreTwoFindingsAndARepeatedValueIsOne() {
    Detector detector = new Detector(Set.of(), 9.0);
    detector.text(
        () -> "Users › event[test].script",
        3,
        "const a = '" + TOKEN_A + "'; const b = '" + TOKEN_B + "'; const c = '" + TOKEN_A + "';");

    List<Finding> byPlace =
        DocumentAuditor.findings(DOCUMENT, detector.hits(), Fingerprints.byPlace());
    List<Finding> keyed =
        DocumentAuditor.findings(DOCUMENT, detector.hits(), Fingerprints.withKey(KEY));

    Fingerprints place = Fingerprints.byPlace();
    String location = "Users › event[test].script";
    assertThat(byPlace)
        .extracting(Finding::fingerprint)
        .containsExactly(
            place.of(Rule.TOKEN_GITHUB, DOCUMENT, location, 0, ""),
            place.of(Rule.TOKEN_GITHUB, DOCUMENT, location, 1, ""));
    assertThat(keyed)
        .extracting(Finding::fingerprint)
        .containsExactly(
            Fingerprints.withKey(KEY).of(Rule.TOKEN_GITHUB, DOCUMENT, location, 0, TOKEN_A),
            Fingerprints.withKey(KEY).of(Rule.TOKEN_GITHUB, DOCUMENT, location, 0, TOKEN_B));
  }

  private static Document document(String id) {
    return new Document(Document.Kind.COLLECTION, "", id, "x.json");
  }
}
