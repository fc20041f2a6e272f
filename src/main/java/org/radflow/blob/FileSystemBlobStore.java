package org.radflow.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Blobs as files under a root directory ({@code $RADFLOW_HOME/blobs} by default), at {@code
 * sha256/ab/cd/<hex>}. A blob is written to a temporary file in its directory, forced to disk, and
 * moved into place atomically, so a crash leaves either the whole blob or none, never a torn one.
 */
public final class FileSystemBlobStore extends ContentAddressedStore {

  private final Path root;

  public FileSystemBlobStore(Path root) {
    this.root = root.toAbsolutePath();
  }

  @Override
  public void write(String sha256, byte[] bytes) {
    Path target = path(sha256);
    if (Files.exists(target)) {
      return; // the same name is the same content
    }
    try {
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
      try {
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
          out.write(ByteBuffer.wrap(bytes));
          out.force(true);
        }
        move(temporary, target);
        forceDirectory(target.getParent());
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new BlobException.Unavailable("cannot store blob under " + root + ": " + e, e);
    }
  }

  private static void move(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // another writer stored the same content first: same name, same content
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
  public byte[] read(String sha256) {
    try {
      return Files.readAllBytes(path(sha256));
    } catch (NoSuchFileException e) {
      throw new BlobException.NotFound(sha256);
    } catch (IOException e) {
      throw new BlobException.Unavailable("cannot read blob sha256:" + sha256 + ": " + e, e);
    }
  }

  @Override
  public void delete(String sha256) {
    try {
      Files.deleteIfExists(path(sha256));
    } catch (IOException e) {
      throw new BlobException.Unavailable("cannot delete blob sha256:" + sha256 + ": " + e, e);
    }
  }

  @Override
  public boolean exists(String sha256) {
    return Files.exists(path(sha256));
  }

  /** Creates the root when it is missing, as the first write would. */
  @Override
  public void ping() {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new BlobException.Unavailable("cannot create the blob directory " + root + ": " + e, e);
    }
    if (!Files.isWritable(root)) {
      throw new BlobException.Unavailable("the blob directory " + root + " is not writable", null);
    }
  }

  @Override
  public String describe() {
    return root.toString();
  }

  private Path path(String sha256) {
    BlobRef.requireName(sha256);
    return root.resolve("sha256")
        .resolve(sha256.substring(0, 2))
        .resolve(sha256.substring(2, 4))
        .resolve(sha256);
  }
}
