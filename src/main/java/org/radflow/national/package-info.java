/**
 * The national services' requests as radflow retains and sends them: built once from the patient's
 * details, kept as bytes, and sent byte for byte on every attempt.
 */
package org.radflow.national;
