/** The access feature's stores on JDBC, the same SQL on SQLite and PostgreSQL. */
package org.radflow.access.jdbc;
