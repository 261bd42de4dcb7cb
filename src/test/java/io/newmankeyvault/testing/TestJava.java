package io.newmankeyvault.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code java} that end-to-end tests start the jar with: the one {@code -Dnkv.java} names
 * (.ci/image-check passes the Java runtime copied out of the container image, so that a module the
 * jlinked runtime lacks fails a test), else the one running the tests.
 */
public final class TestJava {
  private TestJava() {}

  /** The {@code java} executable. */
  public static Path executable() {
    String chosen = System.getProperty("nkv.java", "");
    Path java =
        chosen.isBlank()
            ? Path.of(System.getProperty("java.home"), "bin", "java")
            : Path.of(chosen);
    if (!Files.isExecutable(java)) {
      throw new IllegalStateException("no java executable at " + java + " (-Dnkv.java)");
    }
    return java.toAbsolutePath();
  }

  /** The directory that holds it, for a PATH. */
  public static Path binDirectory() {
    return executable().getParent();
  }
}
