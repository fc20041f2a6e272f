package org.radflow.store;

import org.radflow.study.Change;
import org.radflow.study.StudyId;

/** One row of a study's append-only history: the change at position {@code seq} (from 1). */
public record HistoryEntry(StudyId studyId, long seq, Change change) {}
