/** Small helpers for the SVG radflow draws by hand: no framework, no model. */
package org.radflow.svg;
