package io.lapsewatch.cli;

import io.lapsewatch.retentiondesk.ResultKind;
import io.lapsewatch.retentiondesk.web.ResultForm;
import java.io.IOException;
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
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated agent's phone on the case page: opens the link (GET), reads the result form's hidden
 * fields and presses a result button (POST, form-encoded), exactly as a browser would.
 */
final class DemoCasePage {
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
  private static final Pattern ACTION =
      Pattern.compile("<form class=\"result\" method=\"post\" action=\"([^\"]*)\">");

  private final HttpClient http =
      HttpClient.newBuilder()
          // The 303 after a recorded result is the answer we check, not a page to follow.
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /**
   * Opens {@code link} and records {@code result}.
   *
   * @return empty when the desk took it (303), else what went wrong, naming the status
   */
  Optional<String> tap(URI link, ResultKind result) throws IOException, InterruptedException {
    HttpResponse<String> page = open(link);
    if (page.statusCode() != 200) {
      return Optional.of("GET case page answered HTTP " + page.statusCode());
    }
    Optional<Integer> status = post(link, page.body(), result, null);
    if (status.isEmpty()) {
      return Optional.of("the case page has no result form");
    }
    if (status.get() != 303) {
      return Optional.of("POST " + result + " answered HTTP " + status.get() + " (303 expected)");
    }
    return Optional.empty();
  }

  /** The case page behind {@code link} (GET), as the agent's phone shows it. */
  HttpResponse<String> open(URI link) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(link).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * Posts the result form of {@code page} (the body served at {@code link}) with {@code result} and
   * an optional planned next attempt (in the desk's zone; null for none).
   *
   * @return the HTTP status of the POST, or empty when the page has no result form
   */
  Optional<Integer> post(URI link, String page, ResultKind result, LocalDateTime nextAttempt)
      throws IOException, InterruptedException {
    Matcher action = ACTION.matcher(page);
    if (!action.find()) {
      return Optional.empty();
    }
    Map<String, String> fields = hiddenFields(page);
    fields.put(ResultForm.RESULT, result.name());
    // Left empty: the desk takes its own clock's time as the contact time.
    fields.put(ResultForm.CONTACTED_AT, "");
    fields.put(ResultForm.NEXT_ATTEMPT, nextAttempt == null ? "" : nextAttempt.toString());
    fields.put(ResultForm.NOTE, "");
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(link.resolve(unescape(action.group(1))))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                // What a browser sends when the page posts its own form.
                .header("Origin", link.getScheme() + "://" + link.getRawAuthority())
                .POST(HttpRequest.BodyPublishers.ofString(encoded(fields)))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return Optional.of(answer.statusCode());
  }

  /** The hidden inputs of a page, by name, unescaped. */
  static Map<String, String> hiddenFields(String html) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = HIDDEN.matcher(html);
    while (m.find()) {
      fields.put(unescape(m.group(1)), unescape(m.group(2)));
    }
    return fields;
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private static String encoded(Map<String, String> fields) {
    StringJoiner j = new StringJoiner("&");
    fields.forEach(
        (k, v) ->
            j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }
}
