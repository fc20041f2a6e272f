package org.radflow.api;

import org.radflow.lifecycle.StudyLifecycle;
import org.radflow.lifecycle.StudyReads;

/** Architecture-rule fixture: an adapter as it should be, through the front door and the reads. */
public final class ArchFixtureUsingFrontDoor {
  StudyLifecycle lifecycle;
  StudyReads reads;
}
