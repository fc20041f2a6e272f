package org.radflow.ports;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.radflow.workflow.Service;

/** Builds every port as an HTTP adapter to the external systems at the given base URLs. */
public final class HttpPorts {

  /** Short, because a system that does not accept a connection in a second is down for us. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  private HttpPorts() {}

  /** One shared HTTP/1.1 client for all adapters; {@code baseUrls} must name every service. */
  public static Ports connect(Map<Service, URI> baseUrls) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    Map<Service, HealthProbe> probes = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      probes.put(service, new HttpHealthProbe(client, baseUrl(baseUrls, service)));
    }
    return new Ports(
        new HttpIdentityPort(http(client, baseUrls, Service.IDENTITY)),
        new HttpSchedulingPort(http(client, baseUrls, Service.SCHEDULING)),
        new HttpWorklistPort(http(client, baseUrls, Service.WORKLIST)),
        new HttpArchivePort(http(client, baseUrls, Service.IMAGE_ARCHIVE)),
        new HttpNationalRecordPort(http(client, baseUrls, Service.NATIONAL_RECORD)),
        new HttpBillingPort(http(client, baseUrls, Service.BILLING)),
        probes);
  }

  private static JsonHttp http(HttpClient client, Map<Service, URI> baseUrls, Service service) {
    return new JsonHttp(client, service, baseUrl(baseUrls, service));
  }

  private static URI baseUrl(Map<Service, URI> baseUrls, Service service) {
    URI url = baseUrls.get(service);
    if (url == null) {
      throw new IllegalArgumentException("no base URL for the " + service.description());
    }
    return url;
  }
}
