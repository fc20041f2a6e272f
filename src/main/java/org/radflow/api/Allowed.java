package org.radflow.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Who may call an endpoint: one of these on every handler method, checked by Spring Security's
 * method security. {@code EndpointRolesTest} finds any mapping without one, and proves each over
 * HTTP for every role. The roles are {@link org.radflow.access.Role}'s; operator includes viewer.
 */
public final class Allowed {

  private Allowed() {}

  /** Systems that feed radflow: studies, transitions, imaging events, patient merges. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @PreAuthorize("hasRole('INTEGRATION')")
  public @interface Integration {}

  /** Reads of workflow state; not raw messages. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @PreAuthorize("hasRole('VIEWER')")
  public @interface Viewer {}

  /** Actions that move or repair work: redrive, compensate, resolve, release, reprocess, replay. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @PreAuthorize("hasRole('OPERATOR')")
  public @interface Operator {}

  /** The audit log and raw patient data, each read itself audited. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @PreAuthorize("hasRole('AUDITOR')")
  public @interface Auditor {}

  /** Tokens, users, webhooks and release policies. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @PreAuthorize("hasRole('ADMIN')")
  public @interface Admin {}

  /** Anyone signed in, whatever their roles: the docs, and who they are. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @PreAuthorize("isAuthenticated()")
  public @interface SignedIn {}
}
