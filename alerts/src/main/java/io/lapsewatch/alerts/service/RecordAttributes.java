package io.lapsewatch.alerts.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Optional attributes an alert record may carry beyond contract v1: top-level {@code branch} and
 * {@code region}, and an {@code attributes} object of short strings (e.g. a policyholder's name and
 * phone for templates, always masked unless configured otherwise). Bounded in number and size so a
 * producer cannot blow up a message; anything malformed is ignored.
 */
final class RecordAttributes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  static final int MAX_ATTRIBUTES = 32;
  static final int MAX_VALUE_CHARS = 256;

  private RecordAttributes() {}

  static Map<String, String> read(byte[] value) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode n;
    try {
      n = JSON.readTree(value);
    } catch (IOException e) {
      return out;
    }
    if (n == null || !n.isObject()) {
      return out;
    }
    put(out, "branch", n.get("branch"));
    put(out, "region", n.get("region"));
    JsonNode attributes = n.get("attributes");
    if (attributes != null && attributes.isObject()) {
      var fields = attributes.fields();
      while (fields.hasNext() && out.size() < MAX_ATTRIBUTES) {
        var f = fields.next();
        put(out, f.getKey(), f.getValue());
      }
    }
    return out;
  }

  private static void put(Map<String, String> out, String key, JsonNode v) {
    if (v == null || !(v.isTextual() || v.isNumber()) || !KEY.matcher(key).matches()) {
      return;
    }
    String s = v.asText().strip();
    if (!s.isEmpty() && s.length() <= MAX_VALUE_CHARS) {
      out.putIfAbsent(key, s);
    }
  }
}
