package org.radflow.blob;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Blobs as files under a root directory ({@code $RADFLOW_HOME/blobs} by default), at {@code
 * sha256/ab/cd/<hex>}. A blob is written to a temporary file in its directory, forced to disk, and
 * moved into place atomically, so a crash leaves either the whole blob or none, never a torn one.
 */
public final class FileSystemBlobStore implements BlobStore {

  private final Path root;

  public FileSystemBlobStore(Path root) {
    this.root = root.toAbsolutePath();
  }

  @Override
  public BlobRef put(byte[] content) {
    String hash = sha256(content);
    Path target = path(hash);
    if (Files.exists(target)) {
      return new BlobRef(hash, content.length); // the same content is one blob
    }
    try {
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
      try {
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
          out.write(java.nio.ByteBuffer.wrap(content));
          out.force(true);
        }
        move(temporary, target);
        forceDirectory(target.getParent());
      } finally {
        Files.deleteIfExists(temporary);
      }
      return new BlobRef(hash, content.length);
    } catch (IOException e) {
      throw new BlobException.Unavailable("cannot store blob under " + root + ": " + e, e);
    }
  }

  private static void move(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // another writer stored the same content first: same bytes, same name
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the blob directory does not support atomic moves", e);
    }
  }

  private static void forceDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // some file systems cannot sync a directory; the file itself was forced
    }
  }

  @Override
  public byte[] get(String sha256) {
    new BlobRef(sha256, 0); // validates the name
    try {
      byte[] content = Files.readAllBytes(path(sha256));
      String actual = sha256(content);
      if (!actual.equals(sha256)) {
        throw new BlobException.Corrupt(sha256, actual);
      }
      return content;
    } catch (NoSuchFileException e) {
      throw new BlobException.NotFound(sha256);
    } catch (IOException e) {
      throw new BlobException.Unavailable("cannot read blob sha256:" + sha256 + ": " + e, e);
    }
  }

  @Override
  public boolean exists(String sha256) {
    new BlobRef(sha256, 0);
    return Files.exists(path(sha256));
  }

  private Path path(String hash) {
    return root.resolve("sha256")
        .resolve(hash.substring(0, 2))
        .resolve(hash.substring(2, 4))
        .resolve(hash);
  }

  static String sha256(byte[] content) {
    try {
      return BlobRef.hex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
