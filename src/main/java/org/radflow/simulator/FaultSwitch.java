package org.radflow.simulator;

import java.util.concurrent.atomic.AtomicReference;

/** The fault in force for one simulator, used up call by call when it has a count. */
final class FaultSwitch {

  private final AtomicReference<Fault> current = new AtomicReference<>(Fault.none());

  void set(Fault fault) {
    current.set(fault);
  }

  /** The fault as it stands, without using it up: for health checks and the control API. */
  Fault current() {
    return current.get();
  }

  /** The fault that applies to this call; a counted fault clears itself after its last call. */
  Fault take() {
    while (true) {
      Fault fault = current.get();
      if (fault.remaining() == null) {
        return fault;
      }
      Fault next = fault.remaining() == 1 ? Fault.none() : fault.times(fault.remaining() - 1);
      if (current.compareAndSet(fault, next)) {
        return fault;
      }
    }
  }
}
