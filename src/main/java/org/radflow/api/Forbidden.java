package org.radflow.api;

import org.springframework.web.ErrorResponseException;

/**
 * The refusal of a signed-in caller whose roles do not allow the request: one document for the API
 * and for the console's answers to programs.
 */
public final class Forbidden {

  private Forbidden() {}

  public static ErrorResponseException problem() {
    return new ApiProblem(
        ProblemType.FORBIDDEN,
        "your roles do not allow this; ask an admin for a token or account with the role it"
            + " needs (see docs/security.md for which role does what)");
  }
}
