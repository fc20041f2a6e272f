package org.radflow.ports;

/** The identity service, which knows each patient's national identifier (IHI). */
public interface IdentityPort {

  /**
   * Done with the IHI as {@code externalRef} and in {@code data.ihi}; Rejected {@code
   * IDENTITY_NOT_FOUND} when the service has no IHI for the patient.
   */
  PortOutcome lookup(CallContext context, String patientAuthority, String patientId);
}
