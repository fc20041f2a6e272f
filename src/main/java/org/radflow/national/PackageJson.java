package org.radflow.national;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.radflow.national.DocumentPackage.Author;
import org.radflow.national.DocumentPackage.DocumentType;
import org.radflow.national.DocumentPackage.Organisation;
import org.radflow.national.DocumentPackage.Report;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire form of a {@link DocumentPackage}. Fields are written one by one, in a fixed order and
 * with absent optionals left out, so the same package always gives the same bytes: the national
 * record compares a repeated upload by the hash of its bytes.
 */
final class PackageJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PackageJson() {}

  static byte[] write(DocumentPackage p) {
    ObjectNode node = JSON.createObjectNode();
    node.put("documentId", p.documentId());
    node.put("setId", p.setId());
    node.put("version", p.version());
    if (p.supersedes() != null) {
      node.put("supersedes", p.supersedes());
    }
    if (p.ihi() != null) {
      node.putObject("patient").put("ihi", p.ihi());
    }
    ObjectNode author = node.putObject("author").put("id", p.author().id());
    if (p.author().name() != null) {
      author.put("name", p.author().name());
    }
    node.putObject("organisation")
        .put("id", p.organisation().id())
        .put("name", p.organisation().name());
    node.putObject("documentType")
        .put("code", p.documentType().code())
        .put("system", p.documentType().system())
        .put("display", p.documentType().display());
    node.put("title", p.title());
    node.put("accession", p.accession());
    node.put("authored", p.authored().toString());
    node.putObject("report").put("ref", p.report().ref()).put("mediaType", p.report().mediaType());
    return JSON.writeValueAsBytes(node);
  }

  static DocumentPackage read(byte[] bytes) {
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the package is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the package is not a JSON object");
    }
    JsonNode author = object(node, "author");
    JsonNode organisation = object(node, "organisation");
    JsonNode documentType = object(node, "documentType");
    JsonNode report = object(node, "report");
    return new DocumentPackage(
        text(node, "documentId", "documentId"),
        text(node, "setId", "setId"),
        version(node),
        optionalText(node, "supersedes", "supersedes"),
        optionalText(node.path("patient"), "ihi", "patient.ihi"),
        new Author(text(author, "id", "author.id"), optionalText(author, "name", "author.name")),
        new Organisation(
            text(organisation, "id", "organisation.id"),
            text(organisation, "name", "organisation.name")),
        new DocumentType(
            text(documentType, "code", "documentType.code"),
            text(documentType, "system", "documentType.system"),
            text(documentType, "display", "documentType.display")),
        text(node, "title", "title"),
        text(node, "accession", "accession"),
        instant(node, "authored"),
        new Report(
            text(report, "ref", "report.ref"), text(report, "mediaType", "report.mediaType")));
  }

  private static JsonNode object(JsonNode parent, String field) {
    JsonNode value = parent.path(field);
    if (!value.isObject()) {
      throw new IllegalArgumentException("the package needs an object '" + field + "'");
    }
    return value;
  }

  private static String text(JsonNode parent, String field, String path) {
    String value = optionalText(parent, field, path);
    if (value == null) {
      throw new IllegalArgumentException("the package needs a text field '" + path + "'");
    }
    return value;
  }

  private static String optionalText(JsonNode parent, String field, String path) {
    JsonNode value = parent.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new IllegalArgumentException("'" + path + "' must be text");
    }
    return value.stringValue();
  }

  private static int version(JsonNode node) {
    JsonNode value = node.path("version");
    if (!value.isInt()) {
      throw new IllegalArgumentException("the package needs an integer field 'version'");
    }
    return value.intValue();
  }

  private static Instant instant(JsonNode node, String field) {
    String value = text(node, field, field);
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + field + "' must be an instant such as 2026-03-01T10:15:00Z, was '" + value + "'");
    }
  }
}
