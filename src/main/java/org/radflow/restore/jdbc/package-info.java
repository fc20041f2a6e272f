/**
 * Where the database keeps references to blobs, read for {@link
 * org.radflow.restore.BlobReferenceCheck}: the same SQL on PostgreSQL and SQLite.
 */
package org.radflow.restore.jdbc;
