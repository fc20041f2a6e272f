package org.radflow.hl7;

import org.radflow.lifecycle.StudyStore;

/** Architecture-rule fixture: an adapter going around the front door to the study store. */
public final class ArchFixtureUsingStudyStore {
  StudyStore store;
}
