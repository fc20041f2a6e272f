package org.radflow.archfixturea;

import org.radflow.archfixtureb.CycleFixtureB;

/** Architecture-rule fixture: half of a cycle between two top-level packages. */
public final class CycleFixtureA {
  CycleFixtureB other;
}
