package io.lapsewatch.cli;

import io.lapsewatch.retentiondesk.ResultKind;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;

/**
 * An agent's phone on a retention case page, over real HTTP: opens the signed case link from a
 * delivered message, reads the result form and presses a result button, optionally with a planned
 * next attempt (which keeps an unreachable case open), exactly as a browser posts the form.
 */
final class AgentOnCasePage {
  private final DemoCasePage phone = new DemoCasePage();

  /** The case page behind {@code link} (GET), as the agent's phone shows it. */
  HttpResponse<String> open(URI link) throws Exception {
    return phone.open(link);
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
    return phone
        .post(link, page.body(), result, nextAttempt)
        .orElseThrow(
            () -> new AssertionError("the case page has no result form: " + link.getPath()));
  }
}
