package org.radflow.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A block of addresses written {@code address/prefix}, e.g. {@code 10.0.0.0/8} or {@code fc00::/7};
 * an address alone is a block of one. Only literals are accepted, so parsing never asks DNS. An
 * IPv4 block never contains an IPv6 address nor the reverse: callers that care about IPv4-mapped
 * forms unwrap them first ({@link AddressKind#effective}).
 */
public record Cidr(InetAddress network, int prefixLength) {

  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

  public Cidr {
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "prefix length of " + network.getHostAddress() + " must be 0 to " + bits);
    }
    network = masked(network, prefixLength);
  }

  /** Parses {@code address/prefix} or a bare address. */
  public static Cidr parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    if (!LITERAL.matcher(address).matches() || (!address.contains(".") && !address.contains(":"))) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
    }
    InetAddress network;
    try {
      network = InetAddress.getByName(address); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block", e);
    }
    int bits = network.getAddress().length * 8;
    try {
      return new Cidr(network, slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no numeric prefix length", e);
    }
  }

  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] mine = network.getAddress();
    return candidate.length == mine.length && Arrays.equals(masked(candidate, prefixLength), mine);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }

  private static InetAddress masked(InetAddress address, int prefixLength) {
    try {
      return InetAddress.getByAddress(masked(address.getAddress(), prefixLength));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
    }
  }

  private static byte[] masked(byte[] bytes, int prefixLength) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - keep)));
    }
    return out;
  }
}
