package org.radflow.workflow;

import java.util.Map;

/** What an external system answered a step's call, in the workflow's terms. */
public sealed interface Answer {

  /** The call did what it was asked; {@code ref} names what it created or touched. */
  record Done(String ref, Map<String, String> data) implements Answer {
    public Done {
      data = Map.copyOf(data);
    }
  }

  /** A business refusal: the system said no, so nothing happened and retrying cannot help. */
  record Refused(String code, String reason) implements Answer {}

  /** A fault worth retrying; the call may or may not have taken effect. */
  record Failed(String reason) implements Answer {}

  /** The system could not be reached or did not answer in time: its health is in question. */
  record Unavailable(String reason) implements Answer {}
}
