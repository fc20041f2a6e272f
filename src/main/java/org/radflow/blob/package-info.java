/**
 * Where raw messages, manifests and documents live: content-addressed blobs (SHA-256), checked on
 * every read. Workflow state and events carry only their references ({@link
 * org.radflow.blob.BlobRef}).
 *
 * <p>Stores keep bytes on the file system or in an S3 bucket ({@link
 * org.radflow.blob.BlobBackend}); radflow uses them through {@link
 * org.radflow.blob.EncryptingBlobStore}, which encrypts with keys that can rotate ({@link
 * org.radflow.blob.BlobKeys}). Plain Java: no Spring here, and the AWS SDK nowhere else.
 */
package org.radflow.blob;
