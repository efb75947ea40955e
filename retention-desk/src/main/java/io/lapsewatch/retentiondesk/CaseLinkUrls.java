package io.lapsewatch.retentiondesk;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * The link every message carries to its case: {@code <desk.public-url>/desk/cases/<case id>?t=
 * <token>}, signed by {@link CaseLinks}. The case id derives from the alert id, so the alerts
 * service can put the link in a message before (or while) the desk opens the case.
 */
public final class CaseLinkUrls {
  /** Path prefix of the case page; the case id follows it. */
  public static final String CASE_PATH = "/desk/cases/";

  /** Query parameter of the signed token. */
  public static final String TOKEN_PARAM = "t";

  private final URI publicUrl;
  private final CaseLinks links;

  /**
   * @param publicUrl base URL agents reach the pages at, without a trailing slash
   */
  public CaseLinkUrls(URI publicUrl, CaseLinks links) {
    this.publicUrl = publicUrl;
    this.links = links;
  }

  /** The case link for {@code alert}, or empty for a holdout alert (it opens no case). */
  public Optional<URI> forAlert(Alert alert) {
    if (alert.arm != Arm.TREATED) {
      return Optional.empty();
    }
    return Optional.of(
        forCase(CaseIds.caseFor(alert.alertId), CaseOpening.endOfDay(alert.deadline)));
  }

  /** The link to {@code caseId}, valid until {@code deadline} plus the grace period. */
  public URI forCase(String caseId, Instant deadline) {
    // Case ids and tokens use only URL-safe characters (hex, digits, '.', base64url).
    return URI.create(
        publicUrl + CASE_PATH + caseId + "?" + TOKEN_PARAM + "=" + links.token(caseId, deadline));
  }
}
