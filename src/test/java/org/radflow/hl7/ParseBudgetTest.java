package org.radflow.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParseBudgetTest {

  @Test
  void bytesTakenAreGivenBackOnceWhenClosed() {
    ParseBudget budget = new ParseBudget(1000, Duration.ZERO);
    Optional<ParseBudget.Held> held = budget.take(600);
    assertThat(held).isPresent();
    assertThat(budget.available()).isEqualTo(400);
    held.get().close();
    held.get().close();
    assertThat(budget.available()).isEqualTo(1000);
  }

  @Test
  void aMessageThatDoesNotFitWhileOthersAreParsedIsRefusedAfterTheWait() {
    ParseBudget budget = new ParseBudget(1000, Duration.ofMillis(10));
    try (ParseBudget.Held first = budget.take(700).orElseThrow()) {
      assertThat(budget.take(400)).isEmpty();
      try (ParseBudget.Held small = budget.take(300).orElseThrow()) {
        assertThat(budget.available()).isZero();
      }
    }
    assertThat(budget.available()).isEqualTo(1000);
  }

  @Test
  void aMessageLargerThanTheWholeBudgetIsParsedAloneRatherThanNever() {
    ParseBudget budget = new ParseBudget(1000, Duration.ZERO);
    try (ParseBudget.Held large = budget.take(5000).orElseThrow()) {
      assertThat(budget.available()).isZero();
      assertThat(budget.take(1)).isEmpty();
    }
    assertThat(budget.available()).isEqualTo(1000);
  }

  @Test
  void aBudgetOfNothingIsAConfigurationError() {
    assertThatThrownBy(() -> new ParseBudget(0, Duration.ZERO))
        .hasMessageContaining("RADFLOW_MLLP_PARSE_BUDGET_BYTES");
  }
}
