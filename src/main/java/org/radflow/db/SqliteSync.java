package org.radflow.db;

/**
 * When SQLite makes a commit durable. {@code FULL} (the default): every commit is on disk before it
 * is acknowledged, so it survives power loss. {@code NORMAL}: a commit is in the operating system's
 * cache when acknowledged; it survives the radflow process being killed (kill -9) but not a power
 * loss or kernel crash, and saves one fsync per commit group. An explicit choice for a site that
 * accepts that.
 */
public enum SqliteSync {
  FULL,
  NORMAL
}
