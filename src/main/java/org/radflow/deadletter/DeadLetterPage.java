package org.radflow.deadletter;

import java.util.List;

/**
 * One page of dead letters, newest first, and the cursor of the next page: pass {@code nextAfterId}
 * as {@link DeadLetterQuery#afterId()}. Null when this page is the last.
 */
public record DeadLetterPage(List<DeadLetter> items, Long nextAfterId) {
  public DeadLetterPage {
    items = List.copyOf(items);
  }
}
