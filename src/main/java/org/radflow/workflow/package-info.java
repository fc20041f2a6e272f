/**
 * The orchestration rules as plain Java: which steps a change starts, what each step calls, what
 * its result means for the study, what undoes it, and how it is retried. No framework, database or
 * network here, so the whole workflow can be read in one sitting.
 */
package org.radflow.workflow;
