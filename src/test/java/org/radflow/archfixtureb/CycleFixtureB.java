package org.radflow.archfixtureb;

import org.radflow.archfixturea.CycleFixtureA;

/** Architecture-rule fixture: the other half of a cycle between two top-level packages. */
public final class CycleFixtureB {
  CycleFixtureA other;
}
