package io.lapsewatch.alerts.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /callbacks}: an agent's app reports a callback result. Bearer-token protected
 * (compared in constant time; never logged). Body: {@code {"alertId": "...", "result":
 * "REACHED"|"OFFER_ACCEPTED"|"DECLINED"|"UNREACHABLE", "at": "2026-05-21T09:30:00Z"}} ({@code at}
 * optional, default now). Answers 200 with the case state, 400 for a bad body (saying what is
 * wrong), 401 without the right token, 404 for an alert with no open callback task, 409 for a
 * closed case, 405 and 413 as HTTP says.
 */
public final class CallbackEndpoint implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Path of the endpoint. */
  public static final String PATH = "/callbacks";

  static final int MAX_BODY_BYTES = 16 * 1024;

  private final byte[] expected;
  private final CallbackBook book;
  private final Clock clock;

  /**
   * @param token the shared secret agents' apps present as {@code Authorization: Bearer <token>}
   */
  public CallbackEndpoint(String token, CallbackBook book, Clock clock) {
    if (token == null || token.length() < 16) {
      throw new IllegalArgumentException("callback token must have at least 16 characters");
    }
    this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.book = book;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        respond(exchange, 405, error("use POST"));
        return;
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !MessageDigest.isEqual(expected, auth.getBytes(StandardCharsets.UTF_8))) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        respond(exchange, 401, error("missing or wrong bearer token"));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        respond(exchange, 413, error("body larger than " + MAX_BODY_BYTES + " bytes"));
        return;
      }
      JsonNode n;
      try {
        n = JSON.readTree(body);
      } catch (IOException e) {
        respond(exchange, 400, error("body is not JSON"));
        return;
      }
      if (n == null || !n.isObject() || !n.path("alertId").isTextual()) {
        respond(exchange, 400, error("body needs \"alertId\" (a string)"));
        return;
      }
      String alertId = n.get("alertId").asText();
      CallbackResult result;
      try {
        result = CallbackResult.valueOf(n.path("result").asText("").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        respond(
            exchange,
            400,
            error(
                "\"result\" must be one of REACHED, OFFER_ACCEPTED, DECLINED, UNREACHABLE, was '"
                    + n.path("result").asText("")
                    + "'"));
        return;
      }
      Instant at = clock.instant();
      if (n.hasNonNull("at")) {
        try {
          at = Instant.parse(n.get("at").asText());
        } catch (DateTimeException e) {
          respond(
              exchange,
              400,
              error("\"at\" must be an ISO-8601 instant, e.g. 2026-05-21T09:30:00Z"));
          return;
        }
      }
      CallbackBook.Recorded recorded = book.record(alertId, result, at);
      switch (recorded) {
        case UNKNOWN:
          respond(exchange, 404, error("no open callback task for alert '" + alertId + "'"));
          return;
        case ALREADY_CLOSED:
          respond(exchange, 409, error("the case of alert '" + alertId + "' is closed already"));
          return;
        default:
          LOG.info("Callback result {} recorded for alert {}", result, alertId);
          respond(
              exchange,
              200,
              JSON.createObjectNode()
                  .put("alertId", alertId)
                  .put("result", result.name())
                  .put("case", recorded == CallbackBook.Recorded.CLOSED ? "closed" : "open")
                  .toString());
      }
    }
  }

  private static String error(String message) {
    return JSON.createObjectNode().put("error", message).toString();
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
