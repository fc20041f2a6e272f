package org.radflow.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.radflow.net.CidrBlock;

/**
 * What an IP address is, as far as sending a webhook to it goes. Every range radflow treats
 * specially is in {@link #RANGES}, the most specific first; an address in none is {@link #PUBLIC}.
 *
 * <p>IPv6 forms that carry an IPv4 address — IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d} and 6to4 {@code 2002:aabb:ccdd::} — are judged
 * by the IPv4 address they carry ({@link #effective}), since that is where a packet may end up: a
 * check of the IPv6 form alone would let {@code ::ffff:169.254.169.254} through.
 */
public enum AddressKind {
  PUBLIC("a public"),
  LOOPBACK("a loopback"),
  PRIVATE("a private"),
  LINK_LOCAL("a link-local"),
  METADATA("a cloud metadata"),
  UNSPECIFIED("the unspecified"),
  MULTICAST("a multicast"),
  RESERVED("a reserved");

  private final String description;

  AddressKind(String description) {
    this.description = description;
  }

  /** For messages: "a private", "the unspecified" … (followed by "address"). */
  public String description() {
    return description;
  }

  /** First match wins: specific addresses before the blocks that contain them. */
  static final List<Map.Entry<CidrBlock, AddressKind>> RANGES =
      List.of(
          range("0.0.0.0/32", UNSPECIFIED),
          range("0.0.0.0/8", RESERVED), // "this network": reaches the host itself on Linux
          range("127.0.0.0/8", LOOPBACK),
          range("10.0.0.0/8", PRIVATE),
          range("172.16.0.0/12", PRIVATE),
          range("192.168.0.0/16", PRIVATE),
          range("100.64.0.0/10", PRIVATE), // carrier-grade NAT, shared address space
          range("169.254.169.254/32", METADATA),
          range("169.254.0.0/16", LINK_LOCAL),
          range("224.0.0.0/4", MULTICAST),
          range("240.0.0.0/4", RESERVED), // broadcast included
          range("::/128", UNSPECIFIED),
          range("::1/128", LOOPBACK),
          range("fd00:ec2::254/128", METADATA),
          range("fc00::/7", PRIVATE),
          range("fec0::/10", PRIVATE), // deprecated site-local
          range("fe80::/10", LINK_LOCAL),
          range("ff00::/8", MULTICAST));

  public static AddressKind of(InetAddress address) {
    InetAddress effective = effective(address);
    for (Map.Entry<CidrBlock, AddressKind> range : RANGES) {
      if (range.getKey().contains(effective)) {
        return range.getValue();
      }
    }
    return PUBLIC;
  }

  /** The IPv4 address an IPv6 address carries, if it is one of the forms that carry one. */
  public static InetAddress effective(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] b = address.getAddress();
    if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return ipv4(b, 12); // ::ffff:a.b.c.d
    }
    if (allZero(b, 0, 12) && (!allZero(b, 12, 15) || (b[15] & 0xff) > 1)) {
      return ipv4(b, 12); // ::a.b.c.d, but not :: nor ::1
    }
    if (b[0] == 0
        && b[1] == 0x64
        && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b
        && allZero(b, 4, 12)) {
      return ipv4(b, 12); // 64:ff9b::a.b.c.d
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return ipv4(b, 2); // 2002:aabb:ccdd::
    }
    return address;
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    return Arrays.equals(bytes, from, to, new byte[to - from], 0, to - from);
  }

  private static InetAddress ipv4(byte[] bytes, int offset) {
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(bytes, offset, offset + 4));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  private static Map.Entry<CidrBlock, AddressKind> range(String cidr, AddressKind kind) {
    return Map.entry(CidrBlock.parse(cidr), kind);
  }
}
