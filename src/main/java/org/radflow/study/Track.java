package org.radflow.study;

/** The parallel tracks of a study, plus the distribution step shown beside them. */
public enum Track {
  CLINICAL,
  IMAGING,
  ADMINISTRATIVE,
  DISTRIBUTION
}
