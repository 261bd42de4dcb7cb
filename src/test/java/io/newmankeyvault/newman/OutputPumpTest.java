package io.newmankeyvault.newman;

import static org.assertj.core.api.Assertions.assertThat;

import io.newmankeyvault.redact.ProtectedValues;
import io.newmankeyvault.redact.Redactor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputPumpTest {
  private static final String LONG =
      "CANARY-leak-long-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789-qrstuv-END";
  private static final String SPACE = "CANARY-leak space/slash-END";

  @Test
  void aSecretTheNewmanBoxWrappedIsMaskedOnBothLines() {
    String printed =
        """
          \u2502 'Bearer CANARY-leak-long-0123456789abcdefghijklmnopqrs
          \u2502 tuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789-qrstuv-EN
          \u2502 D'
        """;

    assertThat(pump(printed))
        .isEqualTo("  \u2502 'Bearer ***\n  \u2502 ***\n  \u2502 ***'\n")
        .doesNotContain("tuvwxyz");
  }

  /** The Postman CLI 1.62's console, as it printed a script's console.log in the leak matrix. */
  @Test
  void aSecretThePostmanCliBoxWrappedWithAnAsciiBarIsMaskedOnBothLines() {
    String printed =
        """
          -
          | 'Bearer CANARY-leak-long-0123456789abcdefghijklmnopqrs
          | tuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789-qrstuv-EN
          | D'
          | ,"query":{"path":"CANARY
          | -leak space/slash-END"},"x":1
          -
          Pass  the request arrived
        """;

    String shown = pump(printed);

    assertThat(shown)
        .isEqualTo(
            """
              -
              | 'Bearer ***
              | ***
              | ***'
              | ,"query":{"path":"***
              | ***"},"x":1
              -
              Pass  the request arrived
            """);
  }

  private static String pump(String printed) {
    ProtectedValues values = new ProtectedValues();
    values.add(LONG);
    values.add(SPACE);
    ByteArrayOutputStream shown = new ByteArrayOutputStream();
    OutputGate gate = OutputGate.held();
    gate.open();
    new OutputPump(
            new ByteArrayInputStream(printed.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(shown, true, StandardCharsets.UTF_8),
            new Redactor(values),
            gate,
            null)
        .run();
    return shown.toString(StandardCharsets.UTF_8);
  }
}
