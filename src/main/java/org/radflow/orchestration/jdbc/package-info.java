/**
 * The step and service tables: claims under leases and fences, a step's finish applying its effects
 * to the study in the same transaction, the services' shared health, and operator recovery with its
 * audit row. Used only by other JDBC parts and the composition roots; the engine sees {@link
 * org.radflow.orchestration.StepStore}, {@link org.radflow.orchestration.ServiceStore} and {@link
 * org.radflow.orchestration.Recovery}.
 */
package org.radflow.orchestration.jdbc;
