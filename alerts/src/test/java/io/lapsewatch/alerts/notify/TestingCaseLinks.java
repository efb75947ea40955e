package io.lapsewatch.alerts.notify;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.retentiondesk.CaseIds;
import io.lapsewatch.retentiondesk.CaseLinkUrls;
import io.lapsewatch.retentiondesk.CaseLinks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Case links made and checked as the retention desk does, with one test secret: messages get their
 * links from {@link #forAlert} and a link read back out of a sent message is judged by {@link
 * #check}.
 */
final class TestingCaseLinks {
  static final URI PUBLIC_URL = URI.create("https://desk.insurer.example");

  private static final byte[] SECRET =
      "case-link-secret-for-tests-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  /** A case link as it appears in text: up to the first character a URL here never holds. */
  static final Pattern IN_TEXT =
      Pattern.compile(Pattern.quote(PUBLIC_URL + CaseLinkUrls.CASE_PATH) + "[A-Za-z0-9._~?=&%_-]+");

  private final CaseLinks links =
      new CaseLinks(SECRET, Duration.ofDays(7), Clock.fixed(TestingHttp.NOW, ZoneOffset.UTC));
  private final CaseLinkUrls urls = new CaseLinkUrls(PUBLIC_URL, links);

  /** The desk's link for {@code alert}; empty for a holdout alert. */
  Optional<URI> forAlert(Alert alert) {
    return urls.forAlert(alert);
  }

  /** {@code alert} carrying its case link. */
  EnrichedAlert linked(EnrichedAlert alert) {
    return alert.withCaseLink(forAlert(alert.alert()));
  }

  /** The one case link in {@code text}. */
  static URI findIn(String text) {
    Matcher m = IN_TEXT.matcher(text);
    if (!m.find()) {
      throw new AssertionError("no case link in: " + text);
    }
    String found = m.group();
    if (m.find()) {
      throw new AssertionError("more than one case link in: " + text);
    }
    return URI.create(found);
  }

  /** What the desk would make of {@code link} when {@code alert}'s case is opened with it. */
  CaseLinks.Verdict check(Alert alert, URI link) {
    String caseId = CaseIds.caseFor(alert.alertId);
    if (!link.getRawPath().equals(CaseLinkUrls.CASE_PATH + caseId)) {
      return CaseLinks.Verdict.FORGED;
    }
    String query = link.getRawQuery() == null ? "" : link.getRawQuery();
    String prefix = CaseLinkUrls.TOKEN_PARAM + "=";
    return query.startsWith(prefix)
        ? links.check(caseId, query.substring(prefix.length()))
        : CaseLinks.Verdict.FORGED;
  }
}
