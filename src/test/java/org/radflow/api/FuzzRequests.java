package org.radflow.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Seeded generator of hostile requests for one operation of the OpenAPI document: a body that
 * follows the schema, then one to three mutations of it (a field dropped, nulled, of the wrong
 * type, too long, with control characters, an extreme number or instant, a bad URI or enum, a key
 * given twice, nesting past the parser's limit), or a body that is not a JSON object at all; path
 * and query parameters are sensible or hostile in the same way. The same seed gives the same
 * requests.
 */
final class FuzzRequests {

  /** A request to send: {@code chunked} sends the body without Content-Length. */
  record FuzzRequest(
      String operation,
      String method,
      String pathAndQuery,
      String contentType,
      String body,
      Map<String, String> headers,
      boolean chunked) {

    String describe() {
      String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
      return method + " " + pathAndQuery + " " + headers + (chunked ? " (chunked) " : " ") + shown;
    }
  }

  /** A JSON text placed as is, for what a well-formed value cannot express. */
  private record Raw(String json) {}

  private final Random random;
  private final JsonNode document;
  private final String studyId;

  /**
   * @param studyId an existing study, so that some requests get past the lookup and reach the
   *     checks behind it
   */
  FuzzRequests(long seed, JsonNode document, String studyId) {
    this.random = new Random(seed);
    this.document = document;
    this.studyId = studyId;
  }

  FuzzRequest next(OpenApiOperations.Operation operation) {
    String path = operation.path();
    StringBuilder query = new StringBuilder();
    Map<String, String> headers = new LinkedHashMap<>();
    for (OpenApiOperations.Parameter p : operation.parameters()) {
      JsonNode schema = OpenApiOperations.resolve(document, p.schema());
      boolean hostile = random.nextInt(8) == 0;
      switch (p.in()) {
        case "path" -> {
          String value = hostile ? hostileText(schema) : pathValue(p.name(), schema);
          path = path.replace("{" + p.name() + "}", encode(value).replace("+", "%20"));
        }
        case "query" -> {
          if (p.required() || random.nextBoolean()) {
            String value = hostile ? hostileText(schema) : text(valid(schema, p.name(), 0));
            query.append(query.isEmpty() ? '?' : '&').append(p.name()).append('=');
            query.append(encode(value));
          }
        }
        case "header" -> {
          if (p.required() || random.nextBoolean()) {
            headers.put(p.name(), hostile ? headerValue() : text(valid(schema, p.name(), 0)));
          }
        }
        default -> {}
      }
    }
    if (random.nextInt(20) == 0) {
      query.append(query.isEmpty() ? '?' : '&').append("unknown=").append(encode("\u202e"));
    }
    String body = null;
    String contentType = null;
    boolean chunked = false;
    if (!operation.body().isMissingNode()) {
      body = body(OpenApiOperations.resolve(document, operation.body()));
      contentType = contentType();
      chunked = random.nextInt(5) == 0;
    }
    return new FuzzRequest(
        operation.name(), operation.method(), path + query, contentType, body, headers, chunked);
  }

  // ---- bodies --------------------------------------------------------------------------------

  private String body(JsonNode schema) {
    int roll = random.nextInt(20);
    if (roll == 0) {
      return HostileValues.pick(random, HostileValues.BODIES);
    }
    if (roll == 1) {
      // above the 1 MiB body cap, of whitespace the parser reads on: refused while reading
      return "{" + " ".repeat(1_100_000) + "}";
    }
    if (roll == 3) {
      // more tokens than the parser allows, in a map every request type might read
      StringBuilder many = new StringBuilder("{\"data\":{");
      for (int i = 0; i < 60_000; i++) {
        many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
      }
      return many.append("}}").toString();
    }
    if (roll == 2) {
      return HostileValues.nested(33 + random.nextInt(5000));
    }
    Object value = valid(schema, "body", 0);
    // mostly one mutation, so that it alone decides the answer and reaches the checks behind the
    // others; sometimes none, so that valid requests run too
    int[] counts = {0, 1, 1, 1, 1, 1, 1, 2, 2, 3};
    int mutations = counts[random.nextInt(counts.length)];
    String duplicate = null;
    for (int i = 0; i < mutations && value instanceof Map<?, ?>; i++) {
      if (random.nextInt(8) == 0) {
        duplicate = duplicateOf(value);
      } else {
        mutate(value);
      }
    }
    String json = write(value);
    if (duplicate != null && json.startsWith("{") && json.length() > 2) {
      json = "{" + duplicate + "," + json.substring(1);
    }
    if (random.nextInt(25) == 0) {
      json = json.substring(0, random.nextInt(json.length())); // truncated
    }
    return json;
  }

  private String contentType() {
    return switch (random.nextInt(30)) {
      case 0 -> "text/plain";
      case 1 -> "application/json; charset=ISO-8859-1";
      case 2 -> "application/xml";
      default -> "application/json";
    };
  }

  /**
   * A valid-looking value for the schema; object properties that are optional are sometimes left
   * out.
   */
  private Object valid(JsonNode schema, String name, int depth) {
    schema = OpenApiOperations.resolve(document, schema);
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.path("enum").forEach(v -> values.add(v.asString()));
      return HostileValues.pick(random, values);
    }
    String type = OpenApiOperations.type(schema);
    String format = schema.path("format").asString("");
    return switch (type) {
      case "object" -> object(schema, depth);
      case "array" -> {
        List<Object> items = new ArrayList<>();
        int n = depth > 3 ? 0 : random.nextInt(3);
        for (int i = 0; i < n; i++) {
          items.add(valid(schema.path("items"), name, depth + 1));
        }
        yield items;
      }
      case "integer" -> (long) random.nextInt(5);
      case "number" -> 0.5 + random.nextInt(10);
      case "boolean" -> random.nextBoolean();
      default -> string(schema, name, format);
    };
  }

  private Map<String, Object> object(JsonNode schema, int depth) {
    Map<String, Object> object = new LinkedHashMap<>();
    if (depth > 4) {
      return object;
    }
    for (var property : schema.path("properties").properties()) {
      if (random.nextInt(10) > 0) {
        object.put(property.getKey(), valid(property.getValue(), property.getKey(), depth + 1));
      }
    }
    if (schema.path("additionalProperties").isObject()) {
      object.put("k" + random.nextInt(3), "v" + random.nextInt(100));
    }
    return object;
  }

  private String string(JsonNode schema, String name, String format) {
    if (format.equals("date-time")) {
      return "2025-03-01T09:30:0" + random.nextInt(10) + "Z";
    }
    if (format.equals("uri")) {
      return "s3://radflow/" + random.nextInt(1000);
    }
    if (name.equals("secret")) {
      return "s".repeat(16 + random.nextInt(8));
    }
    if (name.equals("url")) {
      return "http://127.0.0.1:9/hook";
    }
    if (name.equals("studyInstanceUid")) {
      return "1.2.826." + random.nextInt(1000);
    }
    if (name.equals("study") || name.equals("id")) {
      return studyId;
    }
    if (schema.has("example") && random.nextBoolean()) {
      return schema.path("example").asString();
    }
    return name + "-" + random.nextInt(1000);
  }

  // ---- mutations -----------------------------------------------------------------------------

  /** A place in the tree: the container and the key or index within it. */
  private record Slot(Object container, Object key) {}

  @SuppressWarnings("unchecked")
  private void mutate(Object root) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty()) {
      ((Map<String, Object>) root).put("unknown", "x");
      return;
    }
    Slot slot = HostileValues.pick(random, slots);
    Object replacement = hostileValue();
    if (slot.container() instanceof Map<?, ?> map) {
      if (replacement == null && random.nextBoolean()) {
        map.remove(slot.key()); // absent rather than null
      } else {
        ((Map<Object, Object>) map).put(slot.key(), replacement);
      }
    } else {
      ((List<Object>) slot.container()).set((Integer) slot.key(), replacement);
    }
  }

  private void collect(Object node, List<Slot> slots) {
    if (node instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        slots.add(new Slot(map, key));
        collect(map.get(key), slots);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        slots.add(new Slot(list, i));
        collect(list.get(i), slots);
      }
    }
  }

  private Object hostileValue() {
    return switch (random.nextInt(10)) {
      case 0 -> null;
      case 1 -> new Raw(HostileValues.pick(random, HostileValues.WRONG_TYPES));
      case 2 -> new Raw(HostileValues.pick(random, HostileValues.NUMBERS));
      case 3 -> HostileValues.pick(random, HostileValues.INSTANTS);
      case 4 -> HostileValues.pick(random, HostileValues.URIS);
      case 5 -> HostileValues.longString(random);
      case 6 -> HostileValues.pick(random, HostileValues.CONTROL);
      case 7 -> HostileValues.pick(random, HostileValues.UNICODE);
      case 8 -> new Raw(HostileValues.nested(20 + random.nextInt(200)));
      default -> random.nextBoolean() ? "" : "NOT_A_VALUE";
    };
  }

  private String duplicateOf(Object root) {
    Map<?, ?> map = (Map<?, ?>) root;
    if (map.isEmpty()) {
      return "\"a\":1";
    }
    Object key = new ArrayList<>(map.keySet()).get(random.nextInt(map.size()));
    return quote(String.valueOf(key)) + ":" + write(hostileValue());
  }

  // ---- parameters ----------------------------------------------------------------------------

  private String pathValue(String name, JsonNode schema) {
    String type = OpenApiOperations.type(schema);
    if (type.equals("integer")) {
      return String.valueOf(1 + random.nextInt(50));
    }
    if (name.equals("service")) {
      return random.nextBoolean() ? "identity" : "billing";
    }
    return random.nextBoolean()
        ? studyId
        : new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private String hostileText(JsonNode schema) {
    return switch (random.nextInt(7)) {
      case 0 -> HostileValues.pick(random, HostileValues.NUMBERS);
      case 1 -> HostileValues.pick(random, HostileValues.INSTANTS);
      case 2 -> "x".repeat(HostileValues.pick(random, List.of(65, 129, 257, 2049, 5000, 9000)));
      case 3 -> HostileValues.pick(random, HostileValues.CONTROL);
      case 4 -> HostileValues.pick(random, HostileValues.UNICODE).replace("\ud800", "?");
      case 5 -> random.nextBoolean() ? "" : "..";
      default -> schema.has("enum") ? "not_a_value" : "abc";
    };
  }

  /** HTTP header values cannot carry line breaks; everything else hostile is fair. */
  private String headerValue() {
    return switch (random.nextInt(5)) {
      case 0 -> "x".repeat(300);
      case 1 -> "\"-1\"";
      case 2 -> "W/\"99999999999999999999\"";
      case 3 -> "*";
      default -> "";
    };
  }

  // ---- JSON text -----------------------------------------------------------------------------

  private static String text(Object value) {
    return value instanceof String s ? s : String.valueOf(value);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String write(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Raw raw) {
      return raw.json();
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      map.forEach(
          (k, v) -> {
            if (out.length() > 1) {
              out.append(',');
            }
            out.append(quote(String.valueOf(k))).append(':').append(write(v));
          });
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (Object item : list) {
        if (out.length() > 1) {
          out.append(',');
        }
        out.append(write(item));
      }
      return out.append(']').toString();
    }
    return String.valueOf(value);
  }

  /** A JSON string in ASCII: every other character escaped, lone surrogates included. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
