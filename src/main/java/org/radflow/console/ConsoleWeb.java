package org.radflow.console;

import java.util.Map;
import org.radflow.config.AccessProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.mvc.ParameterizableViewController;

/**
 * The sign-in page and the refusal page (views only: Spring Security handles the form and the
 * refusal), and what the sign-in page offers.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWeb implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/login").setViewName("console/login");
  }

  /**
   * Where Spring Security forwards a person refused before any handler ran (a form without its CSRF
   * token): the console's refusal page, with the 403 kept, for whatever method was refused.
   */
  @Bean
  SimpleUrlHandlerMapping consoleRefusedPage() {
    ParameterizableViewController refused = new ParameterizableViewController();
    refused.setViewName("console/refused");
    refused.setStatusCode(HttpStatus.FORBIDDEN);
    refused.setSupportedMethods((String[]) null); // the refused request is usually a POST
    return new SimpleUrlHandlerMapping(
        Map.of("/console/refused", refused), Ordered.LOWEST_PRECEDENCE - 10);
  }

  @Bean
  ConsoleSignIn consoleSignIn(AccessProperties access) {
    AccessProperties.Oidc oidc = access.oidc();
    return new ConsoleSignIn(
        oidc.enabled() && oidc.clientId() != null && !oidc.clientId().isBlank());
  }

  /** Whether the sign-in page offers the organisation's OpenID Connect issuer. */
  record ConsoleSignIn(boolean oidc) {}
}
