package org.radflow.study;

/** A patient identifier within its assigning authority (PID-3). No demographics, ever. */
public record PatientRef(String assigningAuthority, String id) {
  public PatientRef {
    Require.text(assigningAuthority, "patient.assigningAuthority", 64);
    Require.text(id, "patient.id", 64);
  }

  @Override
  public String toString() {
    return assigningAuthority + "/" + id;
  }
}
