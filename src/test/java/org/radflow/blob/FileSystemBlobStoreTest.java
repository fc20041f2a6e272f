package org.radflow.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest extends BlobStoreContractTest {

  @TempDir Path root;
  private FileSystemBlobStore store;

  @BeforeEach
  void open() {
    store = new FileSystemBlobStore(root);
  }

  @Override
  protected BlobStore store() {
    return store;
  }

  @Override
  protected void damage(String sha256, byte[] bytes) throws Exception {
    Path file =
        root.resolve("sha256")
            .resolve(sha256.substring(0, 2))
            .resolve(sha256.substring(2, 4))
            .resolve(sha256);
    Files.write(file, bytes);
  }

  @Test
  void aBlobIsOneFileAndNoTemporaryIsLeftBehind() throws Exception {
    store.put(new byte[] {1, 2, 3});
    store.put(new byte[] {1, 2, 3});

    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile).toList())
          .singleElement()
          .satisfies(f -> assertThat(f.getFileName().toString()).doesNotStartWith(".incoming-"));
    }
  }
}
