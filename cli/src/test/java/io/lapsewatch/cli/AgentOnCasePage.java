package io.lapsewatch.cli;

import io.lapsewatch.retentiondesk.ResultKind;
import io.lapsewatch.retentiondesk.web.ResultForm;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent's phone on a retention case page, over real HTTP: opens the signed case link from a
 * delivered message, reads the result form and presses a result button, optionally with a planned
 * next attempt (which keeps an unreachable case open), exactly as a browser posts the form.
 */
final class AgentOnCasePage {
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
  private static final Pattern ACTION =
      Pattern.compile("<form class=\"result\" method=\"post\" action=\"([^\"]*)\">");

  private final HttpClient http =
      HttpClient.newBuilder()
          // The 303 after a recorded result is the answer checked, not a page to follow.
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** The case page behind {@code link} (GET), as the agent's phone shows it. */
  HttpResponse<String> open(URI link) throws Exception {
    return http.send(
        HttpRequest.newBuilder(link).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * Opens {@code link} and records {@code result}; {@code nextAttempt} (in the desk's zone, UTC
   * here) or null.
   *
   * @return the HTTP status of the POST (303 when the desk took the result)
   */
  int tap(URI link, ResultKind result, LocalDateTime nextAttempt) throws Exception {
    HttpResponse<String> page = open(link);
    if (page.statusCode() != 200) {
      throw new AssertionError("GET " + link.getPath() + " answered HTTP " + page.statusCode());
    }
    Matcher action = ACTION.matcher(page.body());
    if (!action.find()) {
      throw new AssertionError("the case page has no result form: " + link.getPath());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = HIDDEN.matcher(page.body());
    while (m.find()) {
      fields.put(unescape(m.group(1)), unescape(m.group(2)));
    }
    fields.put(ResultForm.RESULT, result.name());
    // Left empty: the desk takes its own clock's time as the contact time.
    fields.put(ResultForm.CONTACTED_AT, "");
    fields.put(ResultForm.NEXT_ATTEMPT, nextAttempt == null ? "" : nextAttempt.toString());
    fields.put(ResultForm.NOTE, "");
    StringJoiner body = new StringJoiner("&");
    fields.forEach(
        (k, v) ->
            body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(link.resolve(unescape(action.group(1))))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                // What a browser sends when the page posts its own form.
                .header("Origin", link.getScheme() + "://" + link.getRawAuthority())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return answer.statusCode();
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
