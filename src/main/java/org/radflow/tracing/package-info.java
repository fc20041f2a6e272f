/**
 * Traces: the spans radflow makes itself (a commit, a step's claim, call and finish, a relay
 * publication, an HL7 message) and the W3C {@code traceparent} it stores with history, steps and
 * events so one trace follows a study across threads, nodes and restarts.
 *
 * <p>{@link org.radflow.tracing.Tracing} is the seam every feature uses; {@link
 * org.radflow.tracing.Tracing#OFF} is its null object when no OTLP endpoint is configured, and
 * {@link org.radflow.tracing.MicrometerTracing} puts it on Micrometer Tracing (the OpenTelemetry
 * bridge in the server). Depends on no other radflow package, and on no Spring.
 */
package org.radflow.tracing;
