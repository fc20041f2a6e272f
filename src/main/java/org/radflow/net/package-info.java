/**
 * Network addresses as radflow's doors judge them: CIDR blocks for the MLLP allow-list and the
 * webhook targets' networks. Plain Java, shared by the adapters that face the network.
 */
package org.radflow.net;
