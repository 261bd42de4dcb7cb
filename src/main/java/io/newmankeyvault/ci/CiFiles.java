package io.newmankeyvault.ci;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

/**
 * The files the tool writes for the CI system. A file it creates is owner-only ({@code 0600}) from
 * its first byte where the file system has POSIX permissions (the runner or agent reads it as the
 * same user); a file the CI created keeps the CI's permissions.
 */
final class CiFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private CiFiles() {}

  /** Appends text to a file of the CI's (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT), made 0600 if new. */
  static void append(Path file, String text) throws IOException {
    write(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * Writes text to a new file, owner-only from the start; fails when the path exists (a file or a
   * link planted there is never followed). A file left half-written is removed.
   */
  static void createPrivate(Path file, String text) throws IOException {
    try {
      write(file, text, StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      if (!(e instanceof FileAlreadyExistsException)) {
        Files.deleteIfExists(file);
      }
      throw e;
    }
  }

  private static void write(Path file, String text, OpenOption... options) throws IOException {
    Set<OpenOption> opened = new HashSet<>(Set.of(options));
    opened.add(StandardOpenOption.WRITE);
    // Given at creation, the mode does not depend on the umask and is never wider, even for a
    // moment.
    FileAttribute<?>[] attributes =
        file.getFileSystem().supportedFileAttributeViews().contains("posix")
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    try (SeekableByteChannel channel = Files.newByteChannel(file, opened, attributes)) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
  }
}
