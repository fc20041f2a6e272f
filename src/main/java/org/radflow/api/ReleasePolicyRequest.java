package org.radflow.api;

import org.radflow.orchestration.ServiceStatus;

/** How a service's suspended steps are released after it recovers. */
public record ReleasePolicyRequest(ServiceStatus.ReleaseMode mode, Double perSecond, String actor) {

  public ReleasePolicyRequest {
    Fields.name(actor, "actor", Fields.NAME);
  }
}
