/**
 * Where raw messages, manifests and documents live: content-addressed blobs (SHA-256), checked on
 * every read. Workflow state and events carry only their references ({@link BlobRef}).
 */
package org.radflow.blob;
