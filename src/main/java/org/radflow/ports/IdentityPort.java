package org.radflow.ports;

/** The HI Service, which knows each patient's national identifier (IHI). */
public interface IdentityPort {

  /**
   * Sends {@code searchRequest}, an {@code org.radflow.national.IdentitySearch} as JSON, byte for
   * byte. Done with the IHI as {@code externalRef} and {@code data} {@code ihi}, {@code
   * numberStatus}, {@code recordStatus} and, for a RESOLVED number, {@code resolvedTo}; Rejected
   * {@code IHI_NOT_FOUND} when nothing matches, {@code INVALID_SEARCH} when the search is
   * malformed.
   */
  PortOutcome lookup(CallContext context, byte[] searchRequest);
}
