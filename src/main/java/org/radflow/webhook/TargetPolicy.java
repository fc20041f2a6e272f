package org.radflow.webhook;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.radflow.net.CidrBlock;

/**
 * Which addresses webhooks may be sent to. Public addresses always; the unspecified address and
 * multicast never (nothing can answer there); every other kind ({@link AddressKind}) only inside
 * {@code allowedNetworks}, except that {@code allowHttpLoopback} also allows loopback. Allowing a
 * network allows everything in it: {@code 169.254.0.0/16} would admit the cloud metadata service.
 *
 * @param allowHttpLoopback plain http is accepted, to loopback targets only ({@value
 *     #ALLOW_HTTP_LOOPBACK}); for a receiver on the same machine, in development and tests
 * @param allowedNetworks blocks sent to despite being private, loopback or link-local ({@value
 *     #ALLOWED_NETWORKS})
 */
public record TargetPolicy(boolean allowHttpLoopback, List<CidrBlock> allowedNetworks) {

  public static final String ALLOW_HTTP_LOOPBACK = "RADFLOW_WEBHOOKS_ALLOW_HTTP_LOOPBACK";
  public static final String ALLOWED_NETWORKS = "RADFLOW_WEBHOOKS_ALLOWED_NETWORKS";

  public TargetPolicy {
    allowedNetworks = List.copyOf(allowedNetworks);
  }

  /** https to public addresses only. */
  public static TargetPolicy strict() {
    return new TargetPolicy(false, List.of());
  }

  /** Parses a comma-separated list of CIDR blocks; blank is none. */
  public static List<CidrBlock> networks(String spec) {
    if (spec == null || spec.isBlank()) {
      return List.of();
    }
    return Arrays.stream(spec.split(",")).map(CidrBlock::parse).toList();
  }

  /** Why {@code address} may not be sent to, or empty when it may. */
  public Optional<String> refusal(InetAddress address) {
    AddressKind kind = AddressKind.of(address);
    if (kind == AddressKind.PUBLIC) {
      return Optional.empty();
    }
    String what = address.getHostAddress() + " is " + kind.description() + " address";
    if (kind == AddressKind.UNSPECIFIED || kind == AddressKind.MULTICAST) {
      return Optional.of(what + ", never a webhook target");
    }
    InetAddress effective = AddressKind.effective(address);
    if (allowedNetworks.stream().anyMatch(n -> n.contains(effective) || n.contains(address))) {
      return Optional.empty();
    }
    if (kind == AddressKind.LOOPBACK && allowHttpLoopback) {
      return Optional.empty();
    }
    return Optional.of(what + "; allow its network with " + ALLOWED_NETWORKS);
  }
}
