package org.radflow.events;

/**
 * A relay's hold on one slice of the study space. {@code fence} counts the slice's holders: the
 * relay marks events published only while the slice still carries its fence, so a relay whose lease
 * was taken over cannot mark anything.
 */
public record RelayLease(int partition, long fence) {}
