package io.newmankeyvault.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newmankeyvault.base.FailureKind;
import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.reference.SecretId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsFileTest {
  @TempDir Path dir;

  @Test
  void readsPlainAndQuotedValuesByteExact() {
    Map<String, String> values =
        SecretsFile.parse(
            """
            # a comment
              # an indented comment

            plain=value with spaces = and equals  \s
            quoted="line 1\\nline 2\\t\\"q\\" \\\\ end"
            empty=
            crlf=windows\r
            """,
            "test");

    assertThat(values)
        .containsEntry("plain", "value with spaces = and equals   ")
        .containsEntry("quoted", "line 1\nline 2\t\"q\" \\ end")
        .containsEntry("empty", "")
        .containsEntry("crlf", "windows")
        .hasSize(4);
  }

  @Test
  void answersAnyVaultAndVersionCaseInsensitively() throws IOException {
    Path file = dir.resolve("s.secrets");
    Files.writeString(file, "DB-Password=pw\n");
    SecretsFile source = SecretsFile.load(file);
    SecretId a = new SecretId("kv1.vault.azure.net", "db-password", null);
    SecretId b = new SecretId(null, "DB-PASSWORD", "0123456789abcdef0123456789abcdef");
    SecretId missing = new SecretId("kv1.vault.azure.net", "other", null);

    Map<SecretId, SecretLookup> answers = source.readAll(Set.of(a, b, missing));

    assertThat(answers.get(a)).isEqualTo(new SecretLookup.Found("pw", null, null));
    assertThat(answers.get(b)).isEqualTo(new SecretLookup.Found("pw", null, null));
    assertThat(answers.get(missing)).isInstanceOf(SecretLookup.Failed.class);
    assertThat(((SecretLookup.Failed) answers.get(missing)).reason())
        .isEqualTo("not found in secrets file " + file);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no equals sign here TOPSECRET1           | line 2: expected SECRET-NAME=value
          =TOPSECRET1                              | line 2: expected SECRET-NAME=value
          bad_name=TOPSECRET1                      | line 2: the name before '='
          ok="TOPSECRET1                           | line 2: the quoted value has no closing quote
          ok="TOPSECRET1" trailing                 | line 2: text after the closing quote
          ok="TOPSECRET1\\q"                       | line 2: unknown escape
          """)
  void badLinesNameTheLineNumberAndNeverTheValue(String line, String message) throws IOException {
    Path file = dir.resolve("bad.secrets");
    Files.writeString(file, "first=fine\n" + line + "\n");

    assertThatThrownBy(() -> SecretsFile.load(file))
        .isInstanceOfSatisfying(
            UserFacingException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.USAGE))
        .hasMessageContaining(message)
        .hasMessageNotContaining("TOPSECRET1");
  }

  @Test
  void aSecretDefinedTwiceIsAnError() {
    assertThatThrownBy(() -> SecretsFile.parse("a=TOPSECRET1\nA=TOPSECRET2\n", "f"))
        .hasMessage("f, line 2: secret 'A' is defined twice")
        .hasMessageNotContaining("TOPSECRET");
  }

  @Test
  void missingAndNonUtf8FilesAreUsageErrors() throws IOException {
    assertThatThrownBy(() -> SecretsFile.load(dir.resolve("nope")))
        .hasMessageEndingWith("no such file");
    Path latin1 = dir.resolve("latin1.secrets");
    Files.write(latin1, "a=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> SecretsFile.load(latin1)).hasMessageContaining("not UTF-8");
  }
}
