package org.radflow.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.radflow.access.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * radflow's roles from an OIDC token's claims: the claim named by a dotted path, as a list or as a
 * space- or comma-separated string. Names that are not radflow roles are ignored: an issuer serves
 * many applications.
 */
final class OidcRoles {

  private OidcRoles() {}

  static Collection<GrantedAuthority> of(Map<String, Object> claims, String path) {
    Object value = claims;
    for (String part : path.split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(part) : null;
    }
    List<String> names = new ArrayList<>();
    if (value instanceof Collection<?> list) {
      list.forEach(v -> names.add(String.valueOf(v)));
    } else if (value instanceof String text) {
      names.addAll(List.of(text.split("[\\s,]+")));
    }
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (String name : names) {
      for (Role role : Role.values()) {
        if (role.slug().equalsIgnoreCase(name.strip())) {
          authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
        }
      }
    }
    return authorities;
  }
}
