/**
 * Figures about the work in hand that radflow's alerts need and no single feature counts: the
 * studies in the exception lane, the studies whose report is past its turnaround, and the dead
 * letters waiting for a person. They are read from the database by {@link
 * org.radflow.metrics.WorkFigureReads} every half minute and served to scrapes from {@link
 * org.radflow.metrics.WorkGauges}' snapshot, so a scrape never queries the database.
 *
 * <p>Plain Java and Micrometer: no Spring, no JDBC. The queries live in {@code
 * org.radflow.metrics.jdbc}, the schedule in {@code org.radflow.config}. The alert rules and the
 * dashboard that read these gauges are in {@code deploy/prometheus} and {@code deploy/grafana}.
 */
package org.radflow.metrics;
