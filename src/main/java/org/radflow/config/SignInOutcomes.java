package org.radflow.config;

import org.radflow.access.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * A console user's password sign-ins, as Spring Security reports them: failures in a row lock the
 * account for a while, a success starts the count again. Tokens are not counted here: a wrong token
 * names no account, and failing sources are throttled instead.
 */
@Component
class SignInOutcomes {

  private static final Logger log = LoggerFactory.getLogger(SignInOutcomes.class);

  private final Users users;

  SignInOutcomes(Users users) {
    this.users = users;
  }

  @EventListener
  void failed(AuthenticationFailureBadCredentialsEvent event) {
    if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt
        && users.failed(attempt.getName())) {
      log.warn("console user {} locked after repeated failed sign-ins", attempt.getName());
    }
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken signedIn) {
      users.succeeded(signedIn.getName());
    }
  }
}
