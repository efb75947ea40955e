package io.lapsewatch.retentiondesk.web;

import io.lapsewatch.retentiondesk.RetentionDesk;
import io.lapsewatch.retentiondesk.RetentionDeskConfig;
import java.time.Clock;
import java.time.Duration;

/** Builds the desk's pages for a host server to mount on {@link DeskRoutes#PREFIX}. */
public final class DeskWeb {
  /**
   * How long a case page's form may stay open before posting it is refused: an agent opens the
   * page, makes the call, and records it within a working day.
   */
  static final Duration FORM_LIFETIME = Duration.ofHours(12);

  private DeskWeb() {}

  /** The handler of everything under {@code /desk/} for {@code desk}: case and team pages. */
  public static DeskRoutes routes(RetentionDesk desk, RetentionDeskConfig config, Clock clock) {
    byte[] secret = config.requireLinkSecret();
    CasePages casePages =
        new CasePages(
            desk,
            config.caseLinks(clock).orElseThrow(),
            new FormGuard(secret, FORM_LIFETIME, clock),
            config.timeZone(),
            clock);
    return new DeskRoutes(casePages, new TeamPages(desk, config, clock));
  }
}
