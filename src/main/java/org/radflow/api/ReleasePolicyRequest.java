package org.radflow.api;

import org.radflow.orchestration.ServiceStatus;

/** How a service's suspended steps are released after it recovers. */
public record ReleasePolicyRequest(ServiceStatus.ReleaseMode mode, Double perSecond) {}
