package io.newmankeyvault.newman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.UserFacingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options after {@code --}: their conflicts with the tool's, and what the tool adds. */
class RunnerArgumentsTest {
  private static final String CLIENT_CERT_CONFLICT =
      "--client-cert becomes Newman's --ssl-client-cert-list: give client certificates with one or"
          + " the other, not both";
  private static final String FOLDER_CONFLICT =
      "--shard picks the shard's top-level folders and requests itself: drop --folder after '--',"
          + " or drop --shard";

  private static RunnerArguments of(String... given) {
    return new RunnerArguments(List.of(given));
  }

  @Test
  void anOptionIsGivenWithItsValueApartOrAfterAnEqualsSign() {
    assertThat(of("--folder", "Users").has("--folder")).isTrue();
    assertThat(of("--folder=Users").has("--folder")).isTrue();
    assertThat(of("--folder=").has("--folder")).isTrue();
    assertThat(of("--folders", "x").has("--folder")).isFalse();
    assertThat(of("--folder-x=1").has("--folder")).isFalse();
    assertThat(of("-x", "--bail").has("--folder")).isFalse();
    assertThat(RunnerArguments.NONE.has("--folder")).isFalse();
  }

  @Test
  void theListIsKeptAsGivenAndCannotChange() {
    List<String> given = new ArrayList<>(List.of("--bail", "-rjson,junit", "--FOLDER"));
    RunnerArguments arguments = new RunnerArguments(given);
    given.clear();
    assertThat(arguments.given()).containsExactly("--bail", "-rjson,junit", "--FOLDER");
    assertThat(arguments.has("--folder")).as("Newman's names are case-sensitive").isFalse();
    assertThatThrownBy(() -> arguments.given().add("--x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aClientCertificateListConflictsWithClientCertInEitherForm() {
    for (RunnerArguments given :
        List.of(of("--ssl-client-cert-list", "l.json"), of("--bail", "--ssl-client-cert-list=l"))) {
      assertThatThrownBy(() -> given.checkAgainst(true, false))
          .isInstanceOfSatisfying(
              UserFacingException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.USAGE))
          .hasMessage(CLIENT_CERT_CONFLICT);
      assertThatCode(() -> given.checkAgainst(false, true)).doesNotThrowAnyException();
    }
  }

  @Test
  void aFolderConflictsWithShardInEitherForm() {
    for (RunnerArguments given : List.of(of("--folder", "Users"), of("--folder=Users"))) {
      assertThatThrownBy(() -> given.checkAgainst(false, true))
          .isInstanceOf(UserFacingException.class)
          .hasMessage(FOLDER_CONFLICT);
      assertThatCode(() -> given.checkAgainst(true, false)).doesNotThrowAnyException();
    }
  }

  @Test
  void theClientCertificateConflictIsNamedFirst() {
    assertThatThrownBy(
            () -> of("--folder", "U", "--ssl-client-cert-list", "l").checkAgainst(true, true))
        .hasMessage(CLIENT_CERT_CONFLICT);
  }

  @Test
  void newmanGetsTheToolsOptionsFirstThenThoseGiven() {
    assertThat(
            of("--bail", "-k")
                .forNewman(Path.of("/g.json"), Path.of("ca.pem"), Path.of("/p/client-certs")))
        .containsExactly(
            "--globals",
            "/g.json",
            "--ssl-extra-ca-certs",
            "ca.pem",
            "--ssl-client-cert-list",
            "/p/client-certs",
            "--bail",
            "-k");
    assertThat(of("--bail").forNewman(null, null, null)).containsExactly("--bail");
  }

  @Test
  void anExtraCaGivenAfterTheDashesWinsOverCaFileInEitherForm() {
    assertThat(of("--ssl-extra-ca-certs", "own.pem").forNewman(null, Path.of("ca.pem"), null))
        .containsExactly("--ssl-extra-ca-certs", "own.pem");
    assertThat(of("--ssl-extra-ca-certs=own.pem").forNewman(null, Path.of("ca.pem"), null))
        .containsExactly("--ssl-extra-ca-certs=own.pem");
    assertThat(of("--ssl-extra-ca-certs=own.pem").addedForPostmanCli(null, Path.of("ca.pem")))
        .isEmpty();
  }

  @Test
  void thePostmanCliGetsItsShortGlobalsAndTheCaFile() {
    assertThat(of("-n", "2").addedForPostmanCli(Path.of("/g.json"), Path.of("ca.pem")))
        .containsExactly("-g", "/g.json", "--ssl-extra-ca-certs", "ca.pem");
    assertThat(RunnerArguments.NONE.addedForPostmanCli(null, null)).isEmpty();
  }
}
