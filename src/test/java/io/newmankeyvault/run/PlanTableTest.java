package io.newmankeyvault.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTableTest {
  private static final String[] HEADERS = {"VARIABLE", "FROM", "REFERENCE", "STATUS"};

  @Test
  void aTableThatFitsStaysAligned() {
    List<String[]> rows =
        List.of(HEADERS, new String[] {"token", "environment", "{{vault:api-token}}", "ok"});

    assertThat(PlanTable.render(rows, 80))
        .isEqualTo(
            """
            VARIABLE  FROM         REFERENCE            STATUS
            token     environment  {{vault:api-token}}  ok
            """);
  }

  @Test
  void aWideTableIsStackedWithinTheWidthAndLosesNothing() {
    String uri =
        "@Microsoft.KeyVault(SecretUri=https://kv-api-tests-staging.vault.azure.net/secrets/"
            + "partner-api-client-secret/0123456789abcdef0123456789abcdef)";
    String status = "ok (enabled, version 0123456789abcdef0123456789abcdef, expires 2027-01-31)";
    List<String[]> rows =
        List.of(
            HEADERS,
            new String[] {"partner_secret", "environment", uri, status},
            new String[] {"token", "collection", "{{vault:api-token}}", "ok"});

    String text = PlanTable.render(rows, 60);

    assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
    assertThat(text)
        .startsWith(
            """
            partner_secret
              from       environment
              reference  @Microsoft.KeyVault(SecretUri=https://
                         kv-api-tests-staging.vault.azure.net/secrets/
            """)
        .contains(
            """

            token
              from       collection
              reference  {{vault:api-token}}
              status     ok
            """);
    String joined = text.replace("\n" + " ".repeat(13), "");
    assertThat(joined).contains(uri);
    assertThat(text.replace("\n" + " ".repeat(13), " ")).contains(status);
  }

  @Test
  void theWidthComesFromColumnsOr80() {
    assertThat(PlanTable.width(Map.of())).isEqualTo(80);
    assertThat(PlanTable.width(Map.of("COLUMNS", "132"))).isEqualTo(132);
    assertThat(PlanTable.width(Map.of("COLUMNS", "12"))).isEqualTo(40);
    assertThat(PlanTable.width(Map.of("COLUMNS", "wide"))).isEqualTo(80);
  }

  @Test
  void proseWrapsAtSpacesWithAHangingIndent() {
    assertThat(
            PlanTable.paragraph(
                "scripts may read through pm.vault: alpha-secret, beta-secret, gamma-secret", 40))
        .isEqualTo(
            """
            scripts may read through pm.vault:
              alpha-secret, beta-secret,
              gamma-secret
            """);
  }
}
