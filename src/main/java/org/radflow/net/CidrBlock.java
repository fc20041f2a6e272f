package org.radflow.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A block of IPv4 or IPv6 addresses, {@code 10.20.0.0/16} or {@code fd00::/8}; a single address is
 * a block of one. Written here because nothing on radflow's classpath matches CIDR blocks yet.
 *
 * @param network the first address of the block (no bits set after the prefix)
 * @param prefix how many leading bits every address of the block shares with {@code network}
 */
public record CidrBlock(InetAddress network, int prefix) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  public CidrBlock {
    if (network == null) {
      throw new IllegalArgumentException("a CIDR block needs a network address");
    }
    network = unmapped(network);
    int bits = network.getAddress().length * 8;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException(
          "prefix /" + prefix + " is not 0-" + bits + " for " + network.getHostAddress());
    }
    if (!Arrays.equals(masked(network.getAddress(), prefix), network.getAddress())) {
      throw new IllegalArgumentException(
          network.getHostAddress()
              + "/"
              + prefix
              + " has bits set after its prefix; the block starts at "
              + address(masked(network.getAddress(), prefix)).getHostAddress());
    }
  }

  /**
   * Reads {@code 192.0.2.0/24}, {@code 2001:db8::/32}, or a single address. Only literal addresses:
   * a host name would be looked up in DNS, and an allow-list must not depend on it.
   */
  public static CidrBlock parse(String text) {
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String literal = slash < 0 ? trimmed : trimmed.substring(0, slash);
    if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an IPv4 or IPv6 address or CIDR block (such as 10.20.0.0/16)");
    }
    InetAddress network;
    try {
      network = unmapped(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid address", e);
    }
    int bits = network.getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no number of prefix bits after /", e);
    }
    return new CidrBlock(network, prefix);
  }

  /** Whether {@code address} is in this block; an address of the other family never is. */
  public boolean contains(InetAddress address) {
    byte[] candidate = unmapped(address).getAddress();
    byte[] mine = network.getAddress();
    return candidate.length == mine.length && Arrays.equals(masked(candidate, prefix), mine);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }

  private static byte[] masked(byte[] address, int prefix) {
    byte[] result = address.clone();
    for (int i = 0; i < result.length; i++) {
      int kept = Math.max(0, Math.min(8, prefix - 8 * i));
      result[i] &= (byte) (0xFF << (8 - kept));
    }
    return result;
  }

  /** An IPv4 client of a dual-stack listener may arrive as {@code ::ffff:a.b.c.d}. */
  private static InetAddress unmapped(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address && isMapped(bytes)) {
      return address(Arrays.copyOfRange(bytes, 12, 16));
    }
    return address;
  }

  private static boolean isMapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
    }
  }
}
