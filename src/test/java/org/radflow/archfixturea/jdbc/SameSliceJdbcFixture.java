package org.radflow.archfixturea.jdbc;

import org.radflow.archfixturea.SameSliceFixture;

/** Architecture-rule fixture: the JDBC part of {@link SameSliceFixture}'s feature. */
public final class SameSliceJdbcFixture {
  SameSliceFixture feature;
}
