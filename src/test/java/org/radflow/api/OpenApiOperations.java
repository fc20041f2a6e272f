package org.radflow.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The operations the application itself declares in its OpenAPI document: method, path template,
 * parameters and the request body's schema. The fuzz test reads them from the running server, so an
 * endpoint added later is fuzzed without anyone remembering to list it.
 */
final class OpenApiOperations {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

  private OpenApiOperations() {}

  /** A query, path or header parameter. */
  record Parameter(String name, String in, boolean required, JsonNode schema) {}

  /** One operation; {@code body} is the resolved request body schema, or missing without one. */
  record Operation(String method, String path, List<Parameter> parameters, JsonNode body) {
    String name() {
      return method + " " + path;
    }
  }

  static List<Operation> read(JsonNode document) {
    List<Operation> operations = new ArrayList<>();
    for (var path : document.path("paths").properties()) {
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      for (var entry : path.getValue().properties()) {
        if (!METHODS.contains(entry.getKey())) {
          continue;
        }
        JsonNode operation = entry.getValue();
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
          parameters.add(
              new Parameter(
                  p.path("name").asString(),
                  p.path("in").asString(),
                  p.path("required").asBoolean(false),
                  p.path("schema")));
        }
        JsonNode body =
            operation.path("requestBody").path("content").path("application/json").path("schema");
        operations.add(
            new Operation(
                entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), parameters, body));
      }
    }
    return operations;
  }

  /** Follows {@code $ref}s into {@code components/schemas}; other schemas are returned as given. */
  static JsonNode resolve(JsonNode document, JsonNode schema) {
    for (int hops = 0; hops < 16 && schema.has("$ref"); hops++) {
      String ref = schema.path("$ref").asString();
      String name = ref.substring(ref.lastIndexOf('/') + 1);
      schema = document.path("components").path("schemas").path(name);
    }
    return schema;
  }

  /** The schema's type; OpenAPI 3.1 may give a list such as ["string", "null"]. */
  static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!"null".equals(t.asString())) {
          return t.asString();
        }
      }
    }
    if (type.isString()) {
      return type.asString();
    }
    if (schema.has("properties")) {
      return "object";
    }
    return "string";
  }
}
