package org.radflow.access;

/** A token just issued, with its secret: shown to its requester this once, never stored. */
public record IssuedToken(ApiToken token, String secret) {}
