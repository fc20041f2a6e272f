package org.radflow.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.radflow.access.Role;
import org.radflow.access.SignInThrottle;
import org.radflow.access.Tokens;
import org.radflow.config.AccessProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every HTTP door locked with Spring Security. Two chains:
 *
 * <ul>
 *   <li><b>The API</b> ({@code /api/**} but its docs, {@code /actuator/**}): stateless, an API
 *       token or an OIDC JWT as {@code Authorization: Bearer}, or a console user's password by HTTP
 *       Basic; refusals as problem documents. Only health is anonymous.
 *   <li><b>Browsers</b> (everything else: the API docs, the console): a session after signing in
 *       with a password or through the OIDC issuer.
 * </ul>
 *
 * Which role may call which endpoint is said on the endpoint ({@code api.Allowed}), checked by
 * method security; operator includes viewer.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

  /** A radflow API token, told from a JWT by its prefix. */
  private static final String TOKEN_PREFIX = "Bearer rfk_";

  @Bean
  SecurityProblems securityProblems(SignInThrottle throttle) {
    return new SecurityProblems(throttle);
  }

  @Bean
  static RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix().role("OPERATOR").implies("VIEWER").build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(
      HttpSecurity http,
      SecurityProblems problems,
      Tokens tokens,
      AccessProperties access,
      @Qualifier("requestMappingHandlerMapping")
          ObjectProvider<RequestMappingHandlerMapping> mappings,
      RoleHierarchy hierarchy)
      throws Exception {
    http.securityMatcher(SecurityConfiguration::isApi)
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers(
                        "/actuator/prometheus", "/actuator/metrics/**", "/actuator/info")
                    .hasRole("VIEWER")
                    .requestMatchers("/actuator/**")
                    .denyAll()
                    .anyRequest()
                    .access(new EndpointRoles(mappings, hierarchy)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // no cookies are read here, so there is no cross-site request to forge
        .csrf(csrf -> csrf.disable())
        .httpBasic(basic -> basic.authenticationEntryPoint(problems))
        .oauth2ResourceServer(
            bearer ->
                bearer
                    .authenticationManagerResolver(bearerAuthentication(tokens, access.oidc()))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .addFilterBefore(throttled(problems), LogoutFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain browserChain(
      HttpSecurity http, SecurityProblems problems, Tokens tokens, AccessProperties access)
      throws Exception {
    SimpleUrlAuthenticationFailureHandler failed =
        new SimpleUrlAuthenticationFailureHandler("/login?error");
    AccessDeniedHandlerImpl refusedPage = new AccessDeniedHandlerImpl();
    refusedPage.setErrorPage("/console/refused");
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/login", "/error", "/favicon.ico", "/console/assets/**", "/webjars/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(
            form ->
                form.loginPage("/login")
                    .defaultSuccessUrl("/console")
                    .failureHandler(
                        (request, response, e) -> {
                          problems.countFailure(request);
                          failed.onAuthenticationFailure(request, response, e);
                        }))
        .logout(logout -> logout.logoutSuccessUrl("/login?signedOut"))
        // A session cookie is sent by the browser on its own, so the console's forms carry a token;
        // a bearer token is set by a program, never by a browser, so no other site can forge it.
        .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::carriesBearerToken))
        .httpBasic(basic -> basic.authenticationEntryPoint(problems))
        .oauth2ResourceServer(
            bearer ->
                bearer
                    .authenticationManagerResolver(bearerAuthentication(tokens, access.oidc()))
                    .authenticationEntryPoint(problems))
        // a browser is sent to the sign-in page; a program gets the problem document
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(problems, request -> !wantsPage(request))
                    .accessDeniedHandler(new BrowserRefusal(problems, refusedPage)))
        .addFilterBefore(throttled(problems), LogoutFilter.class);
    if (access.oidc().enabled() && hasText(access.oidc().clientId())) {
      http.oauth2Login(
          login ->
              login
                  .clientRegistrationRepository(consoleClient(access.oidc()))
                  .userInfoEndpoint(
                      info ->
                          info.userAuthoritiesMapper(
                              granted -> oidcUserRoles(granted, access.oidc().rolesClaim()))));
    }
    return http.build();
  }

  private static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }

  static boolean wantsPage(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("text/html");
  }

  static boolean carriesBearerToken(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  /** The API's requests: all under /api but the docs a browser reads, and the actuator. */
  static boolean isApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean docs =
        path.startsWith("/api/v1/docs")
            || path.startsWith("/api/v1/openapi")
            || path.startsWith("/api/v1/swagger-ui");
    return (path.startsWith("/api/") && !docs) || path.startsWith("/actuator/");
  }

  /** A radflow token (rfk_…) to the token store; any other bearer to the OIDC issuer's JWKS. */
  private static AuthenticationManagerResolver<HttpServletRequest> bearerAuthentication(
      Tokens tokens, AccessProperties.Oidc oidc) {
    AuthenticationManager radflow =
        new ProviderManager(new OpaqueTokenAuthenticationProvider(introspector(tokens)));
    AuthenticationManager issuer = oidc.enabled() ? new ProviderManager(jwt(oidc)) : radflow;
    return request -> {
      String header = request.getHeader("Authorization");
      return header != null && header.startsWith(TOKEN_PREFIX) ? radflow : issuer;
    };
  }

  private static OpaqueTokenIntrospector introspector(Tokens tokens) {
    return secret ->
        tokens
            .authenticate(secret)
            .map(
                token ->
                    new OAuth2IntrospectionAuthenticatedPrincipal(
                        token.principal(),
                        Map.of("token_id", token.id().toString(), "name", token.name()),
                        authorities(token.roles())))
            .orElseThrow(() -> new BadOpaqueTokenException("unknown, expired or revoked token"));
  }

  /**
   * JWTs signed by the issuer's keys (its JWKS, found through its discovery document on first use,
   * so radflow starts while the issuer is away), with the issuer claim checked.
   */
  private static JwtAuthenticationProvider jwt(AccessProperties.Oidc oidc) {
    JwtAuthenticationProvider provider =
        new JwtAuthenticationProvider(new SupplierJwtDecoder(() -> decoder(oidc)));
    JwtAuthenticationConverter named = converter(oidc, oidc.usernameClaim());
    // a token without the username claim (a machine client's often has none) is named by its
    // subject; one naming nobody is refused: the audit must name someone
    JwtAuthenticationConverter bySubject = converter(oidc, JwtClaimNames.SUB);
    provider.setJwtAuthenticationConverter(
        token -> {
          if (token.hasClaim(oidc.usernameClaim())) {
            return named.convert(token);
          }
          if (token.hasClaim(JwtClaimNames.SUB)) {
            return bySubject.convert(token);
          }
          throw new InvalidBearerTokenException("the token names nobody");
        });
    return provider;
  }

  /**
   * The issuer's decoder (its keys, its {@code iss}, the token's times), and, when an audience is
   * set, a token for another audience refused: an issuer signs tokens for many applications.
   */
  private static JwtDecoder decoder(AccessProperties.Oidc oidc) {
    JwtDecoder decoder = JwtDecoders.fromIssuerLocation(oidc.issuer());
    if (hasText(oidc.audience()) && decoder instanceof NimbusJwtDecoder nimbus) {
      OAuth2TokenValidator<Jwt> forRadflow =
          new JwtClaimValidator<List<String>>(
              JwtClaimNames.AUD,
              audience -> audience != null && audience.contains(oidc.audience()));
      nimbus.setJwtValidator(
          new DelegatingOAuth2TokenValidator<>(
              JwtValidators.createDefaultWithIssuer(oidc.issuer()), forRadflow));
    }
    return decoder;
  }

  private static JwtAuthenticationConverter converter(AccessProperties.Oidc oidc, String name) {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(
        token -> OidcRoles.of(token.getClaims(), oidc.rolesClaim()));
    converter.setPrincipalClaimName(name);
    return converter;
  }

  /** The console's client at the issuer, from its discovery document. */
  private static ClientRegistrationRepository consoleClient(AccessProperties.Oidc oidc) {
    return new InMemoryClientRegistrationRepository(
        ClientRegistrations.fromIssuerLocation(oidc.issuer())
            .registrationId("oidc")
            .clientId(oidc.clientId())
            .clientSecret(oidc.clientSecret())
            .scope("openid", "profile")
            .userNameAttributeName(oidc.usernameClaim())
            .build());
  }

  /** A person signed in through the issuer holds the roles its ID token and user info name. */
  private static Collection<GrantedAuthority> oidcUserRoles(
      Collection<? extends GrantedAuthority> granted, String rolesClaim) {
    List<GrantedAuthority> roles = new ArrayList<>();
    for (GrantedAuthority authority : granted) {
      if (authority instanceof OidcUserAuthority oidc) {
        roles.addAll(OidcRoles.of(oidc.getIdToken().getClaims(), rolesClaim));
        if (oidc.getUserInfo() != null) {
          roles.addAll(OidcRoles.of(oidc.getUserInfo().getClaims(), rolesClaim));
        }
      }
    }
    return roles;
  }

  static List<GrantedAuthority> authorities(Collection<Role> roles) {
    return roles.stream()
        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.name()))
        .toList();
  }

  /** Answers 429 before any credential is looked at, for a source that failed too often. */
  private static OncePerRequestFilter throttled(SecurityProblems problems) {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request,
          jakarta.servlet.http.HttpServletResponse response,
          jakarta.servlet.FilterChain chain)
          throws jakarta.servlet.ServletException, java.io.IOException {
        if (!problems.refuseIfThrottled(request, response)) {
          chain.doFilter(request, response);
        }
      }
    };
  }
}
