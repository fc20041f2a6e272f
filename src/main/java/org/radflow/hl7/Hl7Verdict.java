package org.radflow.hl7;

import java.util.function.Function;

/** What processing one message came to, before it is acknowledged. */
public sealed interface Hl7Verdict {

  /**
   * One function per kind of result, so every caller says what each means and the compiler asks
   * again when a kind is added.
   */
  default <T> T fold(
      Function<? super Accepted, ? extends T> accepted,
      Function<? super Rejected, ? extends T> rejected,
      Function<? super Unavailable, ? extends T> unavailable) {
    return fold(new Cases<T>(accepted, rejected, unavailable));
  }

  /** What to do with each kind, one function apiece. */
  record Cases<T>(
      Function<? super Accepted, ? extends T> accepted,
      Function<? super Rejected, ? extends T> rejected,
      Function<? super Unavailable, ? extends T> unavailable) {}

  <T> T fold(Cases<T> cases);

  /** Everything it asked is committed or was already done: AA. */
  record Accepted(String summary) implements Hl7Verdict {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.accepted().apply(this);
    }
  }

  /**
   * It cannot be processed as sent: AR, and it is kept as a dead letter. {@code accession}: the
   * study it was for, when the mapping got that far.
   */
  record Rejected(Hl7Rejection rejection, String reason, String accession) implements Hl7Verdict {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.rejected().apply(this);
    }

    Rejected(Hl7Rejection rejection, String reason) {
      this(rejection, reason, null);
    }
  }

  /** radflow cannot commit now: AE, and the sender keeps the message and sends it again. */
  record Unavailable(String reason) implements Hl7Verdict {
    @Override
    public <T> T fold(Cases<T> cases) {
      return cases.unavailable().apply(this);
    }
  }
}
