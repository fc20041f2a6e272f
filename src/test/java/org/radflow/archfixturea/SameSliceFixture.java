package org.radflow.archfixturea;

import org.radflow.archfixturea.jdbc.SameSliceJdbcFixture;

/** Architecture-rule fixture: a feature and its JDBC part that use each other, one slice. */
public final class SameSliceFixture {
  SameSliceJdbcFixture jdbc;
}
