/**
 * {@code radflow demo}: a radiology group's day, driven through radflow's real interfaces (HL7 v2
 * over MLLP, imaging events and operator actions over HTTP) against the simulators in a process of
 * their own, watched live and checked afterwards. Everything it checks it reads from outside: the
 * HTTP API, the simulators' control API and the events radflow publishes to a webhook. It uses no
 * store, no lifecycle and no engine of radflow's (ArchitectureTest keeps it so).
 */
package org.radflow.demo;
