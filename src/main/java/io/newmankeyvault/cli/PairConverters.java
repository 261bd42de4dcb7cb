package io.newmankeyvault.cli;

import io.newmankeyvault.base.UserFacingException;
import io.newmankeyvault.hydrate.ClientCertOption;
import io.newmankeyvault.hydrate.SecretOption;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code KEY=VALUE} options of {@code run} as picocli type converters, and the same parsing for
 * the lines of their environment variables. Their messages name the option, never the value.
 */
final class PairConverters {
  private PairConverters() {}

  /** {@code --secret VAR=REFERENCE}. */
  static final class Secret implements ITypeConverter<SecretOption> {
    @Override
    public SecretOption convert(String value) {
      return converted(() -> secret(value));
    }
  }

  /** {@code --client-cert HOST_PATTERN=REFERENCE}. */
  static final class ClientCert implements ITypeConverter<ClientCertOption> {
    @Override
    public ClientCertOption convert(String value) {
      return converted(() -> clientCert(value));
    }
  }

  /** The options given, else the lines of {@code variable} parsed the same way. */
  static <T> List<T> orLines(
      List<T> given, Map<String, String> environment, String variable, Function<String, T> parse) {
    return given.isEmpty()
        ? SecretSourceOptions.lines(environment, variable).stream().map(parse).toList()
        : given;
  }

  static SecretOption secret(String text) {
    String[] pair = SecretSourceOptions.split(text, "--secret", "VAR=REFERENCE");
    return new SecretOption(pair[0], pair[1]);
  }

  static ClientCertOption clientCert(String text) {
    String[] pair = SecretSourceOptions.split(text, "--client-cert", "HOST_PATTERN=REFERENCE");
    if (pair[0].isBlank() || pair[0].matches(".*\\s.*")) {
      throw UserFacingException.usage(
          "--client-cert needs HOST_PATTERN=REFERENCE with a host pattern such as"
              + " api.example.com, api.example.com:8443 or *.example.com");
    }
    return new ClientCertOption(pair[0].strip(), pair[1]);
  }

  /** picocli reports a {@link TypeConversionException} as a bad parameter (exit 2). */
  private static <T> T converted(java.util.function.Supplier<T> conversion) {
    try {
      return conversion.get();
    } catch (UserFacingException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
