package io.newmankeyvault.hydrate;

/**
 * A {@code --secret VAR=REFERENCE} option, split at its first '='.
 *
 * @param variable the environment variable to set
 * @param reference the reference text (not yet parsed)
 */
public record SecretOption(String variable, String reference) {}
