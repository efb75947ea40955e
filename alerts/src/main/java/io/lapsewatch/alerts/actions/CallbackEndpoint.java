package io.lapsewatch.alerts.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.alerts.metrics.MetricsServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /callbacks}: an agent's app reports a callback result. Bearer-token protected
 * (compared in constant time; never logged). Body: {@code {"alertId": "...", "result":
 * "REACHED"|"OFFER_ACCEPTED"|"DECLINED"|"UNREACHABLE", "at": "2026-05-21T09:30:00Z"}} ({@code at}
 * optional, default now; it must lie between the task's opening and now plus {@link
 * #MAX_CLOCK_SKEW}). Answers 200 with the case state ({@code "duplicate": true} when the same
 * result was recorded before: it counts once), 400 for a bad body (saying what is wrong), 401
 * without the right token, 404 for an alert with no callback task, 409 for another result on a
 * closed case, 405 and 413 as HTTP says.
 */
public final class CallbackEndpoint extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Path of the endpoint. */
  public static final String PATH = "/callbacks";

  /**
   * How far {@code at} may lie ahead of this server's clock: phones' clocks run a little fast or
   * slow; a result from further in the future is a typo or a forged time and would corrupt the
   * closure and first-contact histograms.
   */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

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
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    if (!"POST".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      respond(request, response, callback, 405, error("use POST"));
      return true;
    }
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (auth == null || !MessageDigest.isEqual(expected, auth.getBytes(StandardCharsets.UTF_8))) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
      respond(request, response, callback, 401, error("missing or wrong bearer token"));
      return true;
    }
    byte[] body;
    // Blocking read: the server's read timeout bounds a body that stalls.
    try (InputStream in = Request.asInputStream(request)) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      respond(
          request, response, callback, 413, error("body larger than " + MAX_BODY_BYTES + " bytes"));
      return true;
    }
    int[] status = new int[1];
    String answer = answer(body, status);
    respond(request, response, callback, status[0], answer);
    return true;
  }

  /** The JSON answer to a request body; its status goes to {@code status[0]}. */
  private String answer(byte[] body, int[] status) {
    status[0] = 400;
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      return error("body is not JSON");
    }
    if (n == null || !n.isObject() || !n.path("alertId").isTextual()) {
      return error("body needs \"alertId\" (a string)");
    }
    String alertId = n.get("alertId").asText();
    CallbackResult result;
    try {
      result = CallbackResult.valueOf(n.path("result").asText("").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return error(
          "\"result\" must be one of REACHED, OFFER_ACCEPTED, DECLINED, UNREACHABLE, was '"
              + n.path("result").asText("")
              + "'");
    }
    Instant now = clock.instant();
    Instant at = now;
    if (n.hasNonNull("at")) {
      try {
        at = Instant.parse(n.get("at").asText());
      } catch (DateTimeException e) {
        return error(
            "\"at\" must be an ISO-8601 instant, e.g. 2026-05-21T09:30:00Z, was '"
                + n.get("at").asText()
                + "'");
      }
      Instant latest = now.plus(MAX_CLOCK_SKEW);
      if (at.isAfter(latest)) {
        return error(
            "\"at\" must not be later than now plus "
                + MAX_CLOCK_SKEW.toMinutes()
                + " minutes ("
                + latest
                + "), was '"
                + n.get("at").asText()
                + "'");
      }
    }
    CallbackBook.Recorded recorded = book.record(alertId, result, at);
    switch (recorded) {
      case UNKNOWN:
        status[0] = 404;
        return error("no callback task for alert '" + alertId + "'");
      case BEFORE_OPENING:
        return error(
            "\"at\" must not be before the callback task was opened ("
                + book.openedAt(alertId).map(Instant::toString).orElse("unknown")
                + "), was '"
                + at
                + "'");
      case ALREADY_CLOSED:
        status[0] = 409;
        return error("the case of alert '" + alertId + "' is closed already with another result");
      case DUPLICATE:
        status[0] = 200;
        LOG.info(
            "Callback result {} for alert {} was recorded before; not counted", result, alertId);
        return caseState(alertId, result, book.isClosed(alertId)).put("duplicate", true).toString();
      default:
        status[0] = 200;
        LOG.info("Callback result {} recorded for alert {}", result, alertId);
        return caseState(alertId, result, recorded == CallbackBook.Recorded.CLOSED).toString();
    }
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode caseState(
      String alertId, CallbackResult result, boolean closed) {
    return JSON.createObjectNode()
        .put("alertId", alertId)
        .put("result", result.name())
        .put("case", closed ? "closed" : "open");
  }

  private static String error(String message) {
    return JSON.createObjectNode().put("error", message).toString();
  }

  private static void respond(
      Request request, Response response, Callback callback, int status, String json) {
    MetricsServer.respond(
        request, response, callback, status, "application/json; charset=utf-8", json);
  }
}
