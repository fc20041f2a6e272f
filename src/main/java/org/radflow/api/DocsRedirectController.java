package org.radflow.api;

import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /} and {@code /api/v1} lead a person (or a browser) to the API docs, so the first URL a
 * newcomer tries answers with the way in rather than 404.
 */
@RestController
@Hidden
class DocsRedirectController {

  static final String DOCS = "/api/v1/docs";

  @Allowed.SignedIn
  @GetMapping({"/", "/api/v1", "/api/v1/"})
  ResponseEntity<Void> docs() {
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(DOCS)).build();
  }
}
