package io.lapsewatch.flinkjobs.contact;

import java.io.Serializable;

/**
 * The contact rules the job applies to every alert before it goes out: at most {@code maxPer30Days}
 * contacts per policyholder in any rolling 30 days (0 = unlimited), and renewal offers held through
 * the {@code quietHours}. Do-not-contact is always honoured and needs no setting.
 */
public record ContactRuleSettings(int maxPer30Days, QuietHours quietHours) implements Serializable {
  /** Consent only: no cap, no quiet hours. */
  public static ContactRuleSettings consentOnly() {
    return new ContactRuleSettings(0, QuietHours.none());
  }
}
