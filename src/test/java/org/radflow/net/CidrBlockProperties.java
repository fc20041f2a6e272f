package org.radflow.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CidrBlockProperties {

  /** An address and a prefix length valid for its family. */
  record AddressAndPrefix(byte[] address, int prefix) {}

  @Provide
  Arbitrary<AddressAndPrefix> addresses() {
    Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
    Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16);
    return Arbitraries.oneOf(v4, v6)
        .flatMap(
            bytes ->
                Arbitraries.integers()
                    .between(0, bytes.length * 8)
                    .map(prefix -> new AddressAndPrefix(bytes, prefix)));
  }

  @Property(tries = 500)
  void theBlockAroundAnAddressContainsIt(@ForAll("addresses") AddressAndPrefix a) {
    CidrBlock block = blockAround(a.address(), a.prefix());
    assertThat(block.contains(address(a.address()))).isTrue();
    assertThat(CidrBlock.parse(block.toString())).isEqualTo(block);
  }

  @Property(tries = 500)
  void flippingABitInsideThePrefixLeavesTheBlock(
      @ForAll("addresses") AddressAndPrefix a, @ForAll("bits") int bit) {
    int prefix = Math.max(1, a.prefix());
    int inside = bit % prefix;
    CidrBlock block = blockAround(a.address(), prefix);
    assertThat(block.contains(address(flip(a.address(), inside)))).isFalse();
    if (prefix < a.address().length * 8) {
      int outside = prefix + bit % (a.address().length * 8 - prefix);
      assertThat(block.contains(address(flip(a.address(), outside)))).isTrue();
    }
  }

  @Provide
  Arbitrary<Integer> bits() {
    return Arbitraries.integers().between(0, 127);
  }

  @Property(tries = 200)
  void anAddressOfTheOtherFamilyIsNeverContained(@ForAll("addresses") AddressAndPrefix a) {
    CidrBlock everything = blockAround(a.address(), 0);
    byte[] other = new byte[a.address().length == 4 ? 16 : 4];
    other[0] = 0x20; // not an IPv4-mapped IPv6 address
    assertThat(everything.contains(address(other))).isFalse();
  }

  @Example
  void readsAddressesAndBlocksAsOperatorsWriteThem() throws Exception {
    assertThat(CidrBlock.parse("10.20.0.0/16").contains(InetAddress.getByName("10.20.255.1")))
        .isTrue();
    assertThat(CidrBlock.parse("10.20.0.0/16").contains(InetAddress.getByName("10.21.0.1")))
        .isFalse();
    assertThat(CidrBlock.parse(" 192.0.2.7 ").contains(InetAddress.getByName("192.0.2.7")))
        .isTrue();
    assertThat(CidrBlock.parse("fd00::/8").contains(InetAddress.getByName("fd12::1"))).isTrue();
    assertThat(CidrBlock.parse("::1").contains(InetAddress.getByName("::1"))).isTrue();
    // an IPv4 sender of a dual-stack listener
    assertThat(CidrBlock.parse("10.0.0.0/8").contains(InetAddress.getByName("::ffff:10.1.2.3")))
        .isTrue();
  }

  @Example
  void refusesWhatIsNotALiteralBlock() {
    assertThatThrownBy(() -> CidrBlock.parse("radiology.example.org"))
        .hasMessageContaining("not an IPv4 or IPv6 address");
    assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/33")).hasMessageContaining("not 0-32");
    assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/x")).hasMessageContaining("prefix bits");
    assertThatThrownBy(() -> CidrBlock.parse("10.1.2.3/8"))
        .hasMessageContaining("the block starts at 10.0.0.0");
    assertThatThrownBy(() -> CidrBlock.parse("300.1.2.3")).hasMessageContaining("not a valid");
  }

  private static CidrBlock blockAround(byte[] address, int prefix) {
    byte[] network = address.clone();
    for (int bit = prefix; bit < network.length * 8; bit++) {
      network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return new CidrBlock(address(network), prefix);
  }

  private static byte[] flip(byte[] address, int bit) {
    byte[] flipped = address.clone();
    flipped[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
    return flipped;
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
