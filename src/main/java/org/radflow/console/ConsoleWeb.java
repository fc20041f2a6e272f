package org.radflow.console;

import org.radflow.config.AccessProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The sign-in page (a view only: Spring Security handles its form), and what it offers. */
@Configuration(proxyBeanMethods = false)
class ConsoleWeb implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/login").setViewName("console/login");
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
