package org.radflow.study;

import java.time.Instant;

/** That a track reached a state, when it happened, and whether radflow saw it or was told. */
public record Fact(TrackState state, Attestation attestation, Instant businessTime) {
  public Fact {
    Require.present(state, "fact.state");
    Require.present(attestation, "fact.attestation");
    Require.present(businessTime, "fact.businessTime");
  }

  public boolean isObserved() {
    return attestation == Attestation.OBSERVED;
  }
}
