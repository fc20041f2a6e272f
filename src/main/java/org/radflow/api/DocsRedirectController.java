package org.radflow.api;

import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /} leads a person to the operator console and {@code /api/v1} to the API docs, so the
 * first URL a newcomer tries answers with the way in rather than 404.
 */
@RestController
@Hidden
class DocsRedirectController {

  static final String DOCS = "/api/v1/docs";

  static final String CONSOLE = "/console";

  @Allowed.SignedIn
  @GetMapping({"/api/v1", "/api/v1/"})
  ResponseEntity<Void> docs() {
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(DOCS)).build();
  }

  @Allowed.SignedIn
  @GetMapping("/")
  ResponseEntity<Void> console() {
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(CONSOLE)).build();
  }
}
