package org.radflow.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a caller may do. A caller holds any number of roles; {@link #OPERATOR} includes {@link
 * #VIEWER}, and no other role includes another, so raw patient data (auditor) and credentials
 * (admin) are never granted by accident.
 */
public enum Role {
  /** Creates studies, applies transitions, posts imaging events and patient merges. */
  INTEGRATION,
  /** Reads studies, history, the exception lane, services, outbox status and metrics. */
  VIEWER,
  /** A viewer who also redrives, compensates, resolves, releases, reprocesses and replays. */
  OPERATOR,
  /** Reads the audit log and raw messages, each read itself audited. */
  AUDITOR,
  /** Manages tokens, users, webhooks and release policies. */
  ADMIN;

  /** The lower-case name used in requests, files and claims: {@code operator}. */
  public String slug() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every role, as the first-start admin holds them. */
  public static Set<Role> all() {
    return EnumSet.allOf(Role.class);
  }

  /** The role named {@code slug} in any case, or an error listing the roles there are. */
  public static Role of(String slug) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(slug == null ? "" : slug.strip())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '"
            + slug
            + "'; the roles are "
            + Arrays.stream(values()).map(Role::slug).collect(Collectors.joining(", ")));
  }

  /** Roles from their names, kept in a stable order. */
  public static Set<Role> of(Iterable<String> slugs) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String slug : slugs) {
      roles.add(of(slug));
    }
    return roles;
  }
}
