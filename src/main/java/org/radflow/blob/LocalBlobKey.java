package org.radflow.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The blob key of an installation that was given none: generated once into {@code
 * $RADFLOW_HOME/keys/blob.key}, readable by its owner only, and read again on every start, so
 * {@code ./radflow} encrypts retained payloads with no setup. Losing the file loses the blobs, so
 * it belongs in the same backup as the blobs (but not the same copy sent off-site).
 *
 * <p>The file is written whole under a temporary name and then linked into place, which fails
 * rather than replaces when another process got there first: two nodes starting at once on one home
 * agree on one key.
 */
public final class LocalBlobKey {

  static final String FILE_NAME = "blob.key";

  private LocalBlobKey() {}

  public static BlobKeys loadOrCreate(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        create(directory, file);
      }
      return BlobKeys.parse(Files.readString(file, StandardCharsets.US_ASCII).strip(), null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the blob key " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the blob key file " + file + " is damaged: " + e, e);
    }
  }

  private static void create(Path directory, Path file) throws IOException {
    boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    Files.createDirectories(directory, posix ? permissions("rwx------") : new FileAttribute<?>[0]);
    Path temporary =
        Files.createTempFile(
            directory,
            ".blob-key-",
            ".tmp",
            posix ? permissions("rw-------") : new FileAttribute<?>[0]);
    try {
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(generated().getBytes(StandardCharsets.US_ASCII)));
        out.force(true);
      }
      Files.createLink(file, temporary);
    } catch (FileAlreadyExistsException e) {
      // another process created it first: use theirs
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String generated() {
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[32];
    random.nextBytes(key);
    byte[] id = new byte[4];
    random.nextBytes(id);
    return "local-"
        + HexFormat.of().formatHex(id)
        + ":"
        + Base64.getEncoder().encodeToString(key)
        + "\n";
  }

  private static FileAttribute<?>[] permissions(String mode) {
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))
    };
  }
}
