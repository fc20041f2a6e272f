package org.radflow;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.radflow.blob.BlobBackend;
import org.radflow.blob.FileSystemBlobStore;
import org.radflow.blob.S3BlobStore;
import org.radflow.blob.S3Settings;
import org.radflow.config.StoreSettings;
import org.radflow.config.Stores;
import org.radflow.db.Databases;
import org.radflow.restore.BlobReferenceCheck;
import org.radflow.restore.ReferencedBlob;

/**
 * {@code radflow restore-check}: the proof that a restored database and a restored blob store fit,
 * run with the settings a node of the restored installation would use and no server running. Exits
 * 0 when every blob the database references is in the blob store, 1 when some are missing (listed),
 * 2 when it cannot check.
 */
public final class RestoreCheckCommand {

  static final String USAGE =
      """
      usage: radflow restore-check [--blobs DIR]

      Checks that every blob the database references (history entries' HL7 messages, reports and
      searches; retained national requests; dead letters) is in the blob store, after a restore
      (docs/operations.md). The database is RADFLOW_HOME's (./data) or RADFLOW_DB_URL,
      RADFLOW_DB_USER and RADFLOW_DB_PASSWORD; the blob store is RADFLOW_HOME/blobs, DIR, or the
      bucket of RADFLOW_BLOB_STORE=s3 and RADFLOW_BLOB_S3_*. It asks whether each blob is there; it
      does not decrypt them. Exit status: 0 all present, 1 some missing (listed), 2 cannot check.
      """;

  private RestoreCheckCommand() {}

  /** Runs the check with these settings (the environment, for {@code radflow restore-check}). */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Path blobs = null;
    for (int i = 0; i < args.length; i++) {
      if (RadflowMain.isHelp(args[i])) {
        out.print(USAGE);
        return 0;
      } else if (args[i].equals("--blobs") && i + 1 < args.length) {
        blobs = Path.of(args[++i]);
      } else {
        err.println("radflow restore-check: unknown option '" + args[i] + "'");
        err.print(USAGE);
        return 2;
      }
    }
    Path home = Path.of(env.getOrDefault("RADFLOW_HOME", "data"));
    String url = env.get("RADFLOW_DB_URL");
    try (BlobBackendHandle store = backend(env, blobs == null ? home.resolve("blobs") : blobs);
        Stores stores =
            Stores.open(
                url == null || url.isBlank() ? Databases.sqliteUrl(home) : url,
                env.get("RADFLOW_DB_USER"),
                env.get("RADFLOW_DB_PASSWORD"),
                2,
                StoreSettings.defaults())) {
      BlobReferenceCheck.Result result =
          BlobReferenceCheck.run(stores.blobReferences(), store.backend()::exists);
      out.printf(
          "%d references to %d blobs in %s; %d references to missing blobs%n",
          result.references(),
          result.blobs(),
          store.backend().describe(),
          result.missingReferences());
      for (ReferencedBlob missing : result.firstMissing()) {
        out.println("missing sha256:" + missing.sha256() + " referenced by " + missing.holder());
      }
      if (result.missingReferences() > result.firstMissing().size()) {
        out.println(
            "… and " + (result.missingReferences() - result.firstMissing().size()) + " more");
      }
      return result.complete() ? 0 : 1;
    } catch (RuntimeException e) {
      err.println("radflow restore-check: cannot check: " + e.getMessage());
      return 2;
    }
  }

  /** The plain backend under the encryption: presence is all the check asks, so no keys needed. */
  private static BlobBackendHandle backend(Map<String, String> env, Path directory) {
    if (!"s3".equalsIgnoreCase(env.getOrDefault("RADFLOW_BLOB_STORE", "filesystem"))) {
      return new BlobBackendHandle(new FileSystemBlobStore(directory), () -> {});
    }
    String endpoint = env.get("RADFLOW_BLOB_S3_ENDPOINT");
    S3BlobStore s3 =
        S3BlobStore.open(
            new S3Settings(
                env.get("RADFLOW_BLOB_S3_BUCKET"),
                env.get("RADFLOW_BLOB_S3_PREFIX"),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
                env.get("RADFLOW_BLOB_S3_REGION"),
                Boolean.parseBoolean(env.getOrDefault("RADFLOW_BLOB_S3_PATH_STYLE", "false")),
                env.get("RADFLOW_BLOB_S3_ACCESS_KEY"),
                env.get("RADFLOW_BLOB_S3_SECRET_KEY")));
    return new BlobBackendHandle(s3, s3::close);
  }

  private record BlobBackendHandle(BlobBackend backend, Runnable closer) implements AutoCloseable {
    @Override
    public void close() {
      closer.run();
    }
  }
}
