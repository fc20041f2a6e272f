package org.radflow.archfixturec;

import org.radflow.archfixturea.LeafFixture;

/** Architecture-rule fixture: a one-way dependency between two top-level packages. */
public final class OneWayFixture {
  LeafFixture leaf;
}
