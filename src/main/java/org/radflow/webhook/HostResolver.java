package org.radflow.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Names to addresses, for {@link WebhookTargets}. A seam so a test can answer differently from one
 * lookup to the next, as a DNS server rebinding a name would; the application uses {@link
 * #system()}.
 */
@FunctionalInterface
public interface HostResolver {

  /** Every address of {@code host}, never empty; a literal address is itself. */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
