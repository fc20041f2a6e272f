package org.radflow.api;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The role an endpoint's {@link Allowed} annotation names, checked in the filter chain before the
 * request reaches Spring MVC: a caller without it is answered 403 before its body is read, so a
 * malformed body cannot tell it more than "not yours". Method security checks the same annotation
 * again on the handler. A request that maps to no handler needs only authentication (and is then
 * answered 404 by MVC).
 */
final class EndpointRoles implements AuthorizationManager<RequestAuthorizationContext> {

  private final ObjectProvider<RequestMappingHandlerMapping> mappings;
  private final Map<Class<? extends Annotation>, AuthorizationManager<RequestAuthorizationContext>>
      byAnnotation = new LinkedHashMap<>();
  private final AuthorizationManager<RequestAuthorizationContext> signedIn =
      AuthenticatedAuthorizationManager.authenticated();

  EndpointRoles(ObjectProvider<RequestMappingHandlerMapping> mappings, RoleHierarchy hierarchy) {
    this.mappings = mappings;
    role(Allowed.Integration.class, "INTEGRATION", hierarchy);
    role(Allowed.Viewer.class, "VIEWER", hierarchy);
    role(Allowed.Operator.class, "OPERATOR", hierarchy);
    role(Allowed.Auditor.class, "AUDITOR", hierarchy);
    role(Allowed.Admin.class, "ADMIN", hierarchy);
  }

  private void role(Class<? extends Annotation> annotation, String role, RoleHierarchy hierarchy) {
    AuthorityAuthorizationManager<RequestAuthorizationContext> manager =
        AuthorityAuthorizationManager.hasRole(role);
    manager.setRoleHierarchy(hierarchy);
    byAnnotation.put(annotation, manager);
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    return managerFor(context.getRequest()).authorize(authentication, context);
  }

  private AuthorizationManager<RequestAuthorizationContext> managerFor(HttpServletRequest request) {
    HandlerMethod handler = handlerOf(request);
    if (handler != null) {
      for (var entry : byAnnotation.entrySet()) {
        if (handler.hasMethodAnnotation(entry.getKey())) {
          return entry.getValue();
        }
      }
    }
    return signedIn;
  }

  private HandlerMethod handlerOf(HttpServletRequest request) {
    try {
      HandlerExecutionChain chain = mappings.getObject().getHandler(request);
      return chain != null && chain.getHandler() instanceof HandlerMethod method ? method : null;
    } catch (Exception e) {
      // a request MVC cannot map (a wrong method, say) is MVC's to answer, once authenticated
      return null;
    }
  }
}
