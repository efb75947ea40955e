package io.lapsewatch.retentiondesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.TestingAlerts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CaseLinkUrlsTest {
  private final CaseLinks links =
      new CaseLinks(
          "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
          Duration.ofHours(48),
          Clock.fixed(TestingAlerts.AS_OF, ZoneOffset.UTC));
  private final CaseLinkUrls urls =
      new CaseLinkUrls(URI.create("https://desk.insurer.example/retention"), links);

  @Test
  void shouldLinkATreatedAlertToItsOwnCaseWithAValidToken() {
    Alert alert = TestingAlerts.standardOffer("PH00000042");

    URI link = urls.forAlert(alert).orElseThrow();

    String caseId = CaseIds.caseFor(alert.alertId);
    assertThat(link.getPath()).isEqualTo("/retention/desk/cases/" + caseId);
    String token = link.getQuery().substring("t=".length());
    assertThat(links.check(caseId, token)).isEqualTo(CaseLinks.Verdict.VALID);
    assertThat(links.check(CaseIds.caseFor("another-alert"), token))
        .isEqualTo(CaseLinks.Verdict.FORGED);
  }

  @Test
  void shouldGiveAHoldoutAlertNoLink() {
    assertThat(urls.forAlert(TestingAlerts.holdoutOffer("PH00000043"))).isEmpty();
  }
}
