/**
 * Proving a restore: after the database and the blob store are restored (docs/operations.md,
 * "Backup and restore"), every blob the database references must be in the blob store. {@link
 * org.radflow.restore.BlobReferenceCheck} walks the references a {@link
 * org.radflow.restore.BlobReferences} lists and asks the blob store for each, and {@code radflow
 * restore-check} runs it from the command line.
 *
 * <p>Plain Java: no Spring, no JDBC. Where the references are kept is {@code
 * org.radflow.restore.jdbc}; the composition is {@code org.radflow.config.Stores}.
 */
package org.radflow.restore;
