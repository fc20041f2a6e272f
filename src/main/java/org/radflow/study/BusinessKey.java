package org.radflow.study;

/** The business identity of a study: the accession number within its assigning authority. */
public record BusinessKey(String assigningAuthority, String accessionNumber) {
  public BusinessKey {
    Require.text(assigningAuthority, "assigningAuthority", 64);
    Require.text(accessionNumber, "accessionNumber", 64);
  }

  @Override
  public String toString() {
    return assigningAuthority + "/" + accessionNumber;
  }
}
