package org.radflow.ports;

import java.util.Map;

/** {@link ArchivePort} over the image archive's {@code POST /storage-commitment}. */
final class HttpArchivePort implements ArchivePort {

  private final JsonHttp http;

  HttpArchivePort(JsonHttp http) {
    this.http = http;
  }

  @Override
  public PortOutcome storageCommitment(CallContext context, String accession) {
    return http.post(context, "/storage-commitment", Map.of("accession", accession));
  }
}
