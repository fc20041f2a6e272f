/**
 * The study model: the three tracks and the distribution step, the transition table, held early
 * events, late joins, obligations and the derived end-to-end status.
 *
 * <p>Plain Java only. Nothing here may depend on Spring, JDBC, Jackson, Kafka, HAPI or any network;
 * {@code ArchitectureTest} keeps it so. Business refusals are values ({@link Decision.Refused}),
 * never exceptions; time arrives inside commands, never from a clock.
 */
package org.radflow.study;
