package io.newmankeyvault.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the tool's name and build version. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"newman-keyvault " + Version.current()};
  }
}
