package io.newmankeyvault.cli;

import picocli.CommandLine.Command;

/** The top-level command: only subcommands, {@code --help} and {@code --version}. */
@Command(
    name = "newman-keyvault",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Runs Postman collections with Newman, with secrets read from Azure Key Vault at run"
            + " time instead of being stored in Postman.")
final class NewmanKeyvaultCommand {}
