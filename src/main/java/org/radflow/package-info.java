/**
 * The executable's entry points: {@code radflow serve} (Spring Boot) and {@code radflow bench}.
 * Nothing else lives at the root; every feature has a package of its own.
 */
package org.radflow;
