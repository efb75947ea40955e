package io.lapsewatch.retentiondesk.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.UrlEncoded;

/** Reads a posted form ({@code application/x-www-form-urlencoded}), bounded in size. */
public final class FormPost {
  /** Largest form body accepted; a case form with a full note is about 4 KB. */
  public static final int MAX_BYTES = 16 * 1024;

  private FormPost() {}

  /**
   * The form's fields (the first value of each name), or empty when the body is not a form or is
   * larger than {@value #MAX_BYTES} bytes.
   */
  public static Optional<Map<String, String>> read(Request request) throws IOException {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      return Optional.empty();
    }
    byte[] body;
    // Blocking read: the server's read timeout bounds a body that stalls.
    try (InputStream in = Request.asInputStream(request)) {
      body = in.readNBytes(MAX_BYTES + 1);
    }
    if (body.length > MAX_BYTES) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    try {
      UrlEncoded.decodeTo(
          new String(body, StandardCharsets.US_ASCII), fields::putIfAbsent, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(fields);
  }
}
