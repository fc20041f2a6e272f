package org.radflow.hl7;

import java.net.InetAddress;
import java.util.List;
import org.radflow.net.CidrBlock;

/**
 * The addresses MLLP connections are accepted from ({@code RADFLOW_MLLP_ALLOWED_SENDERS}); none
 * listed means every address, as before the list existed.
 */
public record AllowedSenders(List<CidrBlock> blocks) {

  public static final AllowedSenders ANY = new AllowedSenders(List.of());

  public AllowedSenders {
    blocks = List.copyOf(blocks);
  }

  /** Reads addresses and CIDR blocks, each as {@link CidrBlock#parse} reads it; blanks skipped. */
  public static AllowedSenders parse(List<String> entries) {
    return new AllowedSenders(
        entries.stream().filter(e -> !e.isBlank()).map(CidrBlock::parse).toList());
  }

  public boolean allows(InetAddress address) {
    return blocks.isEmpty() || blocks.stream().anyMatch(block -> block.contains(address));
  }
}
