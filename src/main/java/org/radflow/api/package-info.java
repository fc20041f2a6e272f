/**
 * The HTTP JSON API under {@code /api/v1}: package-private Spring MVC controllers, the JSON request
 * and response records they exchange, and the RFC 9457 problem documents every error becomes.
 *
 * <p>This package translates and holds no workflow rules. Requests become {@link
 * org.radflow.lifecycle.StudyDraft}s and {@link org.radflow.lifecycle.TransitionDraft}s for {@link
 * org.radflow.lifecycle.StudyLifecycle}, and reads go through {@link
 * org.radflow.lifecycle.StudyReads}; the lifecycle's result values ({@link
 * org.radflow.lifecycle.ApplyResult}, {@link org.radflow.lifecycle.CreateResult}) become status
 * codes and bodies. Whether a transition applies, is held or is refused is decided by the model
 * alone; the model's own records validate the fields, and this package only turns their messages
 * into 400s. Before that, {@link org.radflow.api.Fields} holds every request value to the HTTP
 * edge's own rule (length to fit its column, no control or direction characters, times within a
 * sane range), applied by each request record's constructor.
 *
 * <p>No JDBC part and no {@code StudyStore} here; of {@code org.radflow.db} only {@code
 * StoreException} is seen, and becomes a 503. Nothing here may be imported by the model, the
 * lifecycle or any other feature.
 */
package org.radflow.api;
