package io.lapsewatch.retentiondesk.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the desk's answers with the headers every page needs: a Content-Security-Policy that
 * allows nothing from outside the service and no script at all, no referrer to other sites (a case
 * link's token must not leak there), no caching of personal pages, no framing.
 *
 * <p>The referrer policy is {@code same-origin}, not {@code no-referrer}: under {@code no-referrer}
 * browsers send {@code Origin: null} with every form post, even from the desk's own page, and
 * {@link FormGuard} rightly refuses a null origin (found by the browser tests).
 */
public final class PageReplies {
  /** Own stylesheet only; forms post only to the desk; no script, frame, plugin or base. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  private PageReplies() {}

  /** Sends an HTML page with {@code status}. */
  public static void html(Response response, Callback callback, int status, String html) {
    send(response, callback, status, "text/html; charset=utf-8", html);
  }

  /** Sends a short page saying why the request was refused (403, 404, 405, 409...). */
  public static void refuse(
      Response response, Callback callback, int status, Lang lang, String zh, String en) {
    String text = lang.pick(zh, en);
    html(
        response,
        callback,
        status,
        Html.page(lang, text, "<main class=\"refused\"><h1>" + Html.escape(text) + "</h1></main>"));
  }

  /** Sends {@code body} as {@code contentType} with {@code status} and the security headers. */
  public static void send(
      Response response, Callback callback, int status, String contentType, String body) {
    response.setStatus(status);
    var h = response.getHeaders();
    h.put(HttpHeader.CONTENT_TYPE, contentType);
    h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Referrer-Policy", "same-origin");
    h.put("X-Frame-Options", "DENY");
    h.put(HttpHeader.CACHE_CONTROL, "no-store");
    Content.Sink.write(response, true, body, callback);
  }

  /** Answers a form post with 303 See Other to {@code location} (a refresh does not repost). */
  public static void seeOther(Response response, Callback callback, String location) {
    response.setStatus(303);
    response.getHeaders().put(HttpHeader.LOCATION, location);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("Referrer-Policy", "same-origin");
    callback.succeeded();
  }
}
