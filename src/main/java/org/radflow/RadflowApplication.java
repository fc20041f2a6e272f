package org.radflow;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The {@code serve} command: the HTTP API over the configured store. */
@SpringBootApplication
public class RadflowApplication {}
