package org.radflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect issuer for tests: Spring Authorization Server as its own application on a
 * free loopback port, publishing its keys and discovery document like any issuer radflow trusts.
 *
 * <p>Three clients: {@link #API_CLIENT} and {@link #STRANGER_CLIENT} get tokens by client
 * credentials, {@link #CONSOLE_CLIENT} signs a person ({@link #USER}) in by authorization code.
 * Every token carries {@code preferred_username} and {@code roles}, as an issuer configured for
 * radflow would put them.
 */
final class TestIssuer implements AutoCloseable {

  static final String API_CLIENT = "radflow-api";
  static final String STRANGER_CLIENT = "billing-system";
  static final String CONSOLE_CLIENT = "radflow-console";

  /** A client's secret is this and its id: the issuer refuses two clients one secret. */
  static final String SECRET = "issuer-test-secret-";

  static final String USER = "dr.oidc";
  static final String PASSWORD = "correct horse issuer";

  /** The radflow roles (and one that is not) each client's tokens name. */
  static final Map<String, List<String>> ROLES =
      Map.of(
          API_CLIENT, List.of("operator", "auditor"),
          STRANGER_CLIENT, List.of("billing-clerk"),
          CONSOLE_CLIENT, List.of("operator", "auditor"));

  /** Who a client-credentials token stands for; a person's tokens name the person. */
  static final Map<String, String> USERNAMES =
      Map.of(API_CLIENT, USER, STRANGER_CLIENT, "billing.system");

  private final ConfigurableApplicationContext context;
  private final String url;

  private TestIssuer(ConfigurableApplicationContext context) {
    this.context = context;
    this.url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  static TestIssuer start() {
    SpringApplication application = new SpringApplication(Issuer.class);
    // logging belongs to the test JVM's radflow context; a second application would reset it
    List<ApplicationListener<?>> listeners = new ArrayList<>(application.getListeners());
    listeners.removeIf(LoggingApplicationListener.class::isInstance);
    application.setListeners(listeners);
    application.setRegisterShutdownHook(false);
    application.setMainApplicationClass(TestIssuer.class);
    // radflow's application.properties is on the classpath too: these win over it
    return new TestIssuer(
        application.run(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--spring.application.name=test-issuer",
            "--management.endpoints.web.exposure.include=health"));
  }

  /** The issuer URI, as its discovery document and its tokens name it. */
  String url() {
    return url;
  }

  int port() {
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  /** A JWT signed with the issuer's own published key, for claims no client is given. */
  /** A client-credentials access token from the issuer's token endpoint. */
  String clientToken(String client) {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (client + ":" + TestIssuer.SECRET + client).getBytes(StandardCharsets.UTF_8));
    Api.Response token =
        new Api(port())
            .send(
                "POST",
                "/oauth2/token",
                "application/x-www-form-urlencoded",
                "grant_type=client_credentials",
                "Authorization",
                "Basic " + basic);
    assertThat(token.status()).as(token.text()).isEqualTo(200);
    return token.json().path("access_token").asString();
  }

  String sign(JwtClaimsSet claims) {
    @SuppressWarnings("unchecked")
    JWKSource<SecurityContext> keys = context.getBean(JWKSource.class);
    return new NimbusJwtEncoder(keys)
        .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
        .getTokenValue();
  }

  @Override
  public void close() {
    context.close();
  }

  /**
   * The issuer application: Boot's authorization server. Not a {@code @Configuration} or {@code
   * SpringBootConfiguration}: radflow's component scan and {@code @SpringBootTest}'s search for a
   * configuration both look in this package, and must not find it.
   */
  @EnableAutoConfiguration
  static class Issuer {

    @Bean
    RegisteredClientRepository clients() {
      return new InMemoryRegisteredClientRepository(
          machine(API_CLIENT),
          machine(STRANGER_CLIENT),
          RegisteredClient.withId(UUID.randomUUID().toString())
              .clientId(CONSOLE_CLIENT)
              .clientSecret("{noop}" + SECRET + CONSOLE_CLIENT)
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
              // a loopback redirect matches on any port (RFC 8252): radflow's is chosen later
              .redirectUri("http://127.0.0.1/login/oauth2/code/oidc")
              .scope(OidcScopes.OPENID)
              .scope(OidcScopes.PROFILE)
              .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
              .build());
    }

    private static RegisteredClient machine(String clientId) {
      return RegisteredClient.withId(UUID.randomUUID().toString())
          .clientId(clientId)
          .clientSecret("{noop}" + SECRET + clientId)
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
          .build();
    }

    @Bean
    UserDetailsService people() {
      return new InMemoryUserDetailsManager(
          User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build());
    }

    /** Access and ID tokens alike name the caller and radflow's roles. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> radflowClaims() {
      return context -> {
        String client = context.getRegisteredClient().getClientId();
        boolean person =
            AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType());
        context
            .getClaims()
            .claim(
                "preferred_username",
                person ? context.getPrincipal().getName() : USERNAMES.get(client))
            .claim("roles", ROLES.get(client));
      };
    }
  }
}
