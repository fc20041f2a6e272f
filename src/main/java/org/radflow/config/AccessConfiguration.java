package org.radflow.config;

import java.time.Clock;
import org.radflow.access.SignInThrottle;
import org.radflow.access.Tokens;
import org.radflow.access.Users;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The access feature assembled: tokens, console users with their password encoder and lockout, the
 * throttle of failing sources, and the admin made at first start. The HTTP doors that use them are
 * {@code api.SecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessProperties.class)
class AccessConfiguration {

  @Bean
  Tokens tokens(Stores stores, Clock clock) {
    return new Tokens(stores.tokens(), clock);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  Users users(Stores stores, PasswordEncoder encoder, AccessProperties access, Clock clock) {
    return new Users(
        stores.users(),
        encoder,
        new Users.Lockout(access.lockoutFailures(), access.lockoutFor()),
        clock);
  }

  /** The admin's token and password on a database that has none, see {@link FirstStart}. */
  @Bean
  ApplicationRunner firstStart(RadflowProperties radflow, Tokens tokens, Users users) {
    return arguments -> FirstStart.run(radflow.home(), tokens, users);
  }

  @Bean
  SignInThrottle signInThrottle(AccessProperties access) {
    return new SignInThrottle(
        new SignInThrottle.Limit(access.throttleFailures(), access.throttlePeriod()));
  }

  /** Console users for form sign-in and HTTP Basic, locked while their lockout lasts. */
  @Bean
  UserDetailsService userDetailsService(Users users) {
    return username ->
        users
            .find(username)
            .map(
                user ->
                    User.withUsername(user.username())
                        .password(user.passwordHash())
                        .authorities(
                            user.roles().stream()
                                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                                .toList())
                        .accountLocked(user.lockedAt(users.now()))
                        .disabled(!user.enabled())
                        .build())
            .orElseThrow(() -> new UsernameNotFoundException("no such user"));
  }
}
