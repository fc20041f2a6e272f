package org.radflow.study;

/**
 * Where a transition came from: the sending system and its message reference (an HL7 control ID, an
 * HTTP request ID). The message reference names the transport attempt, so it is not part of a
 * transition's identity.
 */
public record Source(String system, String messageRef) {
  public Source {
    Require.text(system, "source.system", 128);
    if (messageRef != null && messageRef.length() > 256) {
      throw new IllegalArgumentException("source.messageRef must be at most 256 characters");
    }
  }

  public static Source of(String system) {
    return new Source(system, null);
  }
}
