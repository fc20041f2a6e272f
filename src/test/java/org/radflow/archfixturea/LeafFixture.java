package org.radflow.archfixturea;

/** Architecture-rule fixture: depends on nothing in radflow. */
public final class LeafFixture {}
