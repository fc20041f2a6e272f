package org.radflow.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Whether a webhook URL may be sent to, checked when it is subscribed and again before every
 * attempt, because the name may point elsewhere by then (DNS rebinding). The URL must be https, or
 * plain http to loopback when {@link TargetPolicy#allowHttpLoopback()}; its host must resolve, and
 * every address it resolves to must be allowed by the {@link TargetPolicy} — one bad address
 * refuses the lot, since a client may pick any of them. The dispatcher then connects to an address
 * checked here, never resolving the name again.
 */
public final class WebhookTargets {

  /** What checking a URL came to. */
  public sealed interface Check {

    /** May be sent to, at these addresses (at least one, each checked). */
    record Allowed(URI url, List<InetAddress> addresses) implements Check {}

    /**
     * @param setting the setting that would allow it, or null when none would
     */
    record Refused(String reason, String setting) implements Check {}
  }

  private final TargetPolicy policy;
  private final HostResolver resolver;

  public WebhookTargets(TargetPolicy policy, HostResolver resolver) {
    this.policy = policy;
    this.resolver = resolver;
  }

  public TargetPolicy policy() {
    return policy;
  }

  public Check check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return new Check.Refused("url is not a URL: " + e.getReason(), null);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    boolean plain = scheme.equals("http");
    if (!plain && !scheme.equals("https")) {
      return new Check.Refused("url must be https", null);
    }
    if (plain && !policy.allowHttpLoopback()) {
      return new Check.Refused(
          "url must be https; plain http is allowed only to loopback, with "
              + TargetPolicy.ALLOW_HTTP_LOOPBACK
              + "=true",
          TargetPolicy.ALLOW_HTTP_LOOPBACK);
    }
    String host = uri.getHost();
    if (host == null || uri.getUserInfo() != null) {
      return new Check.Refused("url must have a host and no user info", null);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1); // an IPv6 literal
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return new Check.Refused("the host " + host + " does not resolve", null);
    }
    if (addresses.isEmpty()) {
      return new Check.Refused("the host " + host + " does not resolve", null);
    }
    for (InetAddress address : addresses) {
      Optional<String> refusal = policy.refusal(address);
      if (refusal.isPresent()) {
        return new Check.Refused(
            "the host " + host + " resolves to " + refusal.get(), TargetPolicy.ALLOWED_NETWORKS);
      }
      if (plain && AddressKind.of(address) != AddressKind.LOOPBACK) {
        return new Check.Refused(
            "url must be https: plain http is allowed only to loopback, and "
                + host
                + " resolves to "
                + address.getHostAddress(),
            null);
      }
    }
    return new Check.Allowed(uri, List.copyOf(addresses));
  }
}
