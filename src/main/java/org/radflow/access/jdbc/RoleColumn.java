package org.radflow.access.jdbc;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.radflow.access.Role;

/** Roles in one column, as their comma-separated names: few, fixed, and read with the row. */
final class RoleColumn {

  private RoleColumn() {}

  static String write(Set<Role> roles) {
    return roles.stream().sorted().map(Role::slug).collect(Collectors.joining(","));
  }

  static Set<Role> read(String column) {
    return Role.of(Arrays.asList(column.split(",")));
  }
}
