package org.radflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.radflow.net.CidrBlock;

/**
 * The address classifier over generated addresses inside and outside every range, in IPv4 and IPv6
 * and in each IPv6 form that carries an IPv4 address. Membership is decided here by integer
 * arithmetic on the blocks written out below, not by {@link CidrBlock}, so the two check each
 * other.
 */
class AddressKindProperties {

  /** A block as the test knows it: network, prefix length, and what its addresses are. */
  record Block(String network, int prefix, AddressKind kind) {

    BigInteger base() {
      return unsigned(literal(network).getAddress());
    }

    int bits() {
      return literal(network).getAddress().length * 8;
    }

    boolean contains(InetAddress a) {
      byte[] bytes = a.getAddress();
      if (bytes.length * 8 != bits()) {
        return false;
      }
      int shift = bits() - prefix;
      return unsigned(bytes).shiftRight(shift).equals(base().shiftRight(shift));
    }

    /** An address inside, its host bits drawn from {@code seed}. */
    InetAddress inside(BigInteger seed) {
      BigInteger hostMask = BigInteger.ONE.shiftLeft(bits() - prefix).subtract(BigInteger.ONE);
      return address(base().or(seed.and(hostMask)), bits() / 8);
    }
  }

  static final List<Block> BLOCKS =
      List.of(
          new Block("127.0.0.0", 8, AddressKind.LOOPBACK),
          new Block("10.0.0.0", 8, AddressKind.PRIVATE),
          new Block("172.16.0.0", 12, AddressKind.PRIVATE),
          new Block("192.168.0.0", 16, AddressKind.PRIVATE),
          new Block("100.64.0.0", 10, AddressKind.PRIVATE),
          new Block("169.254.0.0", 16, AddressKind.LINK_LOCAL),
          new Block("224.0.0.0", 4, AddressKind.MULTICAST),
          new Block("240.0.0.0", 4, AddressKind.RESERVED),
          new Block("0.0.0.0", 8, AddressKind.RESERVED),
          new Block("fc00::", 7, AddressKind.PRIVATE),
          new Block("fec0::", 10, AddressKind.PRIVATE),
          new Block("fe80::", 10, AddressKind.LINK_LOCAL),
          new Block("ff00::", 8, AddressKind.MULTICAST));

  /** The single addresses carved out of the blocks above. */
  static final List<Block> SINGLES =
      List.of(
          new Block("169.254.169.254", 32, AddressKind.METADATA),
          new Block("fd00:ec2::254", 128, AddressKind.METADATA),
          new Block("0.0.0.0", 32, AddressKind.UNSPECIFIED),
          new Block("::", 128, AddressKind.UNSPECIFIED),
          new Block("::1", 128, AddressKind.LOOPBACK));

  @Provide
  Arbitrary<BigInteger> seeds() {
    return Arbitraries.bigIntegers()
        .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
  }

  @Provide
  Arbitrary<Block> blocks() {
    return Arbitraries.of(BLOCKS);
  }

  @Property
  void everyAddressInsideABlockIsOfItsKindUnlessItIsACarvedOutSingle(
      @ForAll("blocks") Block block, @ForAll("seeds") BigInteger seed) {
    InetAddress address = block.inside(seed);
    AddressKind expected =
        SINGLES.stream()
            .filter(s -> s.contains(address))
            .map(Block::kind)
            .findFirst()
            .orElse(block.kind());

    assertThat(AddressKind.of(address)).as(address.getHostAddress()).isEqualTo(expected);
    assertThat(TargetPolicy.strict().refusal(address)).isPresent();
  }

  @Property
  void anIpv4AddressIsJudgedTheSameInEveryIpv6FormThatCarriesIt(@ForAll("seeds") BigInteger seed) {
    InetAddress v4 = address(seed.mod(BigInteger.ONE.shiftLeft(32)), 4);
    byte[] b = v4.getAddress();
    AddressKind kind = AddressKind.of(v4);

    for (byte[] form : List.of(mapped(b), nat64(b), sixToFour(b))) {
      InetAddress v6 = ipv6(form);
      assertThat(AddressKind.of(v6)).as(v6.getHostAddress() + " carries " + v4).isEqualTo(kind);
      assertThat(TargetPolicy.strict().refusal(v6).isPresent())
          .isEqualTo(TargetPolicy.strict().refusal(v4).isPresent());
    }
  }

  @Property
  void anIpv4AddressOutsideEveryBlockIsPublicAndAllowed(@ForAll("seeds") BigInteger seed) {
    InetAddress address = address(seed.mod(BigInteger.ONE.shiftLeft(32)), 4);
    boolean special = BLOCKS.stream().anyMatch(b -> b.contains(address));

    assertThat(AddressKind.of(address) == AddressKind.PUBLIC).isEqualTo(!special);
    assertThat(TargetPolicy.strict().refusal(address).isEmpty()).isEqualTo(!special);
  }

  @Property
  void anIpv6AddressIsPublicExactlyWhenNeitherItNorTheIpv4AddressItCarriesIsInABlock(
      @ForAll("seeds") BigInteger seed) {
    InetAddress address = ipv6(address(seed, 16).getAddress());
    InetAddress judged = AddressKind.effective(address); // itself, unless it carries an IPv4
    boolean special =
        BLOCKS.stream().anyMatch(b -> b.contains(judged))
            || SINGLES.stream().anyMatch(s -> s.contains(judged));

    assertThat(AddressKind.of(address) == AddressKind.PUBLIC)
        .as(address.getHostAddress())
        .isEqualTo(!special);
  }

  @Property
  void anAllowedNetworkAdmitsExactlyItsOwnAddressesOfAnyKindButUnspecifiedAndMulticast(
      @ForAll("blocks") Block block, @ForAll("seeds") BigInteger seed) {
    TargetPolicy policy =
        new TargetPolicy(false, List.of(CidrBlock.parse(block.network() + "/" + block.prefix())));
    InetAddress inside = block.inside(seed);
    boolean never =
        List.of(AddressKind.UNSPECIFIED, AddressKind.MULTICAST).contains(AddressKind.of(inside));

    assertThat(policy.refusal(inside).isPresent()).as(inside.getHostAddress()).isEqualTo(never);
  }

  @Property
  void cidrMembershipAgreesWithIntegerArithmetic(
      @ForAll("blocks") Block block, @ForAll("seeds") BigInteger seed) {
    CidrBlock cidr = CidrBlock.parse(block.network() + "/" + block.prefix());
    InetAddress any = address(seed.mod(BigInteger.ONE.shiftLeft(block.bits())), block.bits() / 8);

    assertThat(cidr.contains(any)).isEqualTo(block.contains(any));
    assertThat(cidr.contains(block.inside(seed))).isTrue();
  }

  @Example
  void theNamedAddressesAreOfTheirKindInEveryForm() {
    assertThat(AddressKind.of(literal("169.254.169.254"))).isEqualTo(AddressKind.METADATA);
    assertThat(AddressKind.of(ipv6(mapped(literal("169.254.169.254").getAddress()))))
        .isEqualTo(AddressKind.METADATA);
    assertThat(AddressKind.of(literal("fd00:ec2::254"))).isEqualTo(AddressKind.METADATA);
    assertThat(AddressKind.of(literal("::1"))).isEqualTo(AddressKind.LOOPBACK);
    assertThat(AddressKind.of(ipv6(mapped(literal("127.0.0.1").getAddress()))))
        .isEqualTo(AddressKind.LOOPBACK);
    assertThat(AddressKind.of(literal("0.0.0.0"))).isEqualTo(AddressKind.UNSPECIFIED);
    assertThat(AddressKind.of(literal("::"))).isEqualTo(AddressKind.UNSPECIFIED);
    assertThat(AddressKind.of(literal("93.184.216.34"))).isEqualTo(AddressKind.PUBLIC);
    assertThat(AddressKind.of(literal("2606:2800:220:1::1"))).isEqualTo(AddressKind.PUBLIC);
  }

  @Example
  void loopbackNeedsTheHttpLoopbackSettingOrAnAllowedNetwork() {
    InetAddress loopback = literal("127.0.0.1");

    assertThat(TargetPolicy.strict().refusal(loopback))
        .hasValueSatisfying(r -> assertThat(r).contains("loopback", TargetPolicy.ALLOWED_NETWORKS));
    assertThat(new TargetPolicy(true, List.of()).refusal(loopback)).isEmpty();
    assertThat(new TargetPolicy(false, TargetPolicy.networks("127.0.0.0/8")).refusal(loopback))
        .isEmpty();
    assertThat(new TargetPolicy(true, List.of()).refusal(literal("10.1.2.3"))).isPresent();
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** {@code ::ffff:a.b.c.d} */
  static byte[] mapped(byte[] v4) {
    return carrying(v4, 12, 10, 0xff, 11, 0xff);
  }

  /** {@code 64:ff9b::a.b.c.d} */
  static byte[] nat64(byte[] v4) {
    return carrying(v4, 12, 1, 0x64, 2, 0xff, 3, 0x9b);
  }

  /** {@code 2002:aabb:ccdd::} */
  static byte[] sixToFour(byte[] v4) {
    return carrying(v4, 2, 0, 0x20, 1, 0x02);
  }

  /** Sixteen bytes with {@code v4} at {@code offset} and the given (index, value) pairs set. */
  static byte[] carrying(byte[] v4, int offset, int... indexValuePairs) {
    byte[] b = new byte[16];
    for (int i = 0; i < indexValuePairs.length; i += 2) {
      b[indexValuePairs[i]] = (byte) indexValuePairs[i + 1];
    }
    System.arraycopy(v4, 0, b, offset, 4);
    return b;
  }

  /** An IPv6 address object even for the mapped form, which InetAddress would turn into IPv4. */
  static InetAddress ipv6(byte[] sixteen) {
    try {
      return Inet6Address.getByAddress(null, sixteen, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static InetAddress literal(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static BigInteger unsigned(byte[] bytes) {
    return new BigInteger(1, bytes);
  }

  static InetAddress address(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] b = new byte[length];
    int n = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - n, b, length - n, n);
    try {
      return length == 16 ? Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
