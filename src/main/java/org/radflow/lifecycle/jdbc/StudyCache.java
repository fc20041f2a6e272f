package org.radflow.lifecycle.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.radflow.study.Study;
import org.radflow.study.StudyId;

/**
 * Decoded studies by id, valid only at their version. History is append-only, so a study at a given
 * version never changes: a cached value is used only when the row just read carries the same
 * version, which makes the cache safe across nodes and transactions. It saves decoding the detail
 * column on every command, most of a command's CPU after the SQL itself.
 *
 * <p>Filled from rows as they are decoded, and from the result of a command only after its commit.
 */
final class StudyCache {

  private final Map<StudyId, Study> studies;

  StudyCache(int capacity) {
    this.studies =
        new LinkedHashMap<>(capacity, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<StudyId, Study> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The cached study when it is at {@code version}, else null. */
  synchronized Study at(StudyId id, long version) {
    Study cached = studies.get(id);
    return cached != null && cached.version() == version ? cached : null;
  }

  /** The latest committed version of the study this node has seen, or null. */
  synchronized Study latest(StudyId id) {
    return studies.get(id);
  }

  synchronized void put(Study study) {
    Study cached = studies.get(study.id());
    if (cached == null || cached.version() < study.version()) {
      studies.put(study.id(), study);
    }
  }
}
