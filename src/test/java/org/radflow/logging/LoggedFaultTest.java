package org.radflow.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LoggedFaultTest {

  private static final String SEGMENT = "PID|1||MRN-1^^^HOSP^MR||ZEBEDEE^QUINTILIAN||19471103|F";

  @Test
  void theStackTraceKeepsClassesAndFramesButNoMessage() {
    IllegalStateException cause = new IllegalStateException("cannot parse " + SEGMENT);
    RuntimeException fault = new RuntimeException("mapping failed: " + SEGMENT, cause);

    LoggedFault logged = LoggedFault.of(fault);

    StringWriter printed = new StringWriter();
    logged.printStackTrace(new PrintWriter(printed));
    assertThat(printed.toString())
        .doesNotContain("ZEBEDEE")
        .doesNotContain("PID|")
        .contains(RuntimeException.class.getName())
        .contains(IllegalStateException.class.getName())
        .contains("LoggedFaultTest.theStackTraceKeepsClassesAndFramesButNoMessage");
    assertThat(logged.getStackTrace()).isEqualTo(fault.getStackTrace());
    assertThat(logged.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
  }

  @Test
  void theOneLineDescriptionNamesTheFaultItsRootCauseAndWhereItWasThrown() {
    RuntimeException fault =
        new RuntimeException("mapping failed: " + SEGMENT, new IllegalStateException(SEGMENT));

    assertThat(LoggedFault.describe(fault))
        .startsWith("RuntimeException (caused by IllegalStateException) at ")
        .contains("LoggedFaultTest")
        .doesNotContain("ZEBEDEE");
  }

  @Test
  void aCauseCycleEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);

    LoggedFault logged = LoggedFault.of(b);

    assertThat(logged.getCause()).isNotNull();
    assertThat(logged.getCause().getCause()).isNull();
    assertThat(LoggedFault.describe(b)).startsWith("RuntimeException");
  }
}
