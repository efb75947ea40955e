package io.lapsewatch.featurestore.scenarios;

import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made policyholder histories with an obvious answer: one at risk and one healthy, at any
 * premium. Used by tests, the demo's sanity check and the notebooks.
 */
public final class Scenarios {
  private Scenarios() {}

  private static List<PolicyEvent> inTimeOrder(List<PolicyEvent> events) {
    events.sort(java.util.Comparator.comparingLong(e -> e.occurredAt));
    return events;
  }

  private static Instant at(LocalDate day, int hour) {
    return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
  }

  /**
   * A policyholder drifting away before renewal: price shock, unresolved complaints, missed
   * premiums, cancellation enquiries, no digital sessions, poor NPS, agent gone. The last event is
   * 40 days before renewal.
   */
  public static List<PolicyEvent> atRisk(String holder, double annualPremium, LocalDate renewal) {
    String policy = holder + "-P1";
    LocalDate start = renewal.minusYears(3);
    LocalDate d = renewal.minusDays(120);
    List<PolicyEvent> out = new ArrayList<>();
    int n = 0;
    out.add(
        Events.issued(
            holder + "-e" + n++,
            holder,
            at(d, 8),
            policy,
            "MOTOR",
            "AGENT",
            "AG0001",
            annualPremium,
            start,
            renewal));
    for (int m = 0; m < 3; m++) {
      out.add(
          Events.premiumMissed(
              holder + "-e" + n++,
              holder,
              at(d.plusDays(5 + 25 * m), 9),
              policy,
              annualPremium / 12));
    }
    for (int c = 0; c < 3; c++) {
      out.add(
          Events.complaintOpened(
              holder + "-e" + n++,
              holder,
              at(d.plusDays(20 + 10 * c), 10),
              policy,
              holder + "-C" + c));
    }
    out.add(
        Events.agentLeft(holder + "-e" + n++, holder, at(d.plusDays(50), 11), policy, "AG0001"));
    out.add(Events.survey(holder + "-e" + n++, holder, at(d.plusDays(55), 12), "NPS", 1));
    out.add(
        Events.renewalQuoted(
            holder + "-e" + n++,
            holder,
            at(renewal.minusDays(45), 9),
            policy,
            annualPremium,
            Math.round(annualPremium * 1.35)));
    for (int c = 0; c < 3; c++) {
      out.add(
          Events.serviceContact(
              holder + "-e" + n++,
              holder,
              at(renewal.minusDays(44 - c), 14),
              "CANCELLATION_ENQUIRY"));
    }
    out.add(Events.survey(holder + "-e" + n, holder, at(renewal.minusDays(40), 15), "CSAT", 1));
    return inTimeOrder(out);
  }

  /**
   * A contented policyholder: pays on time, uses the app weekly, a small price change, top NPS. The
   * last event is 40 days before renewal.
   */
  public static List<PolicyEvent> healthy(String holder, double annualPremium, LocalDate renewal) {
    String policy = holder + "-P1";
    LocalDate start = renewal.minusYears(6);
    LocalDate d = renewal.minusDays(120);
    List<PolicyEvent> out = new ArrayList<>();
    int n = 0;
    out.add(
        Events.issued(
            holder + "-e" + n++,
            holder,
            at(d, 8),
            policy,
            "HOME",
            "DIRECT",
            null,
            annualPremium,
            start,
            renewal));
    for (int m = 0; m < 3; m++) {
      out.add(
          Events.premiumPaid(
              holder + "-e" + n++,
              holder,
              at(d.plusDays(5 + 25 * m), 9),
              policy,
              annualPremium / 12));
    }
    for (int w = 0; w < 11; w++) {
      out.add(
          Events.session(
              holder + "-e" + n++, holder, at(d.plusDays(7 * w + 1), 19), "APP", "POLICY"));
    }
    out.add(Events.survey(holder + "-e" + n++, holder, at(d.plusDays(60), 12), "NPS", 10));
    out.add(
        Events.renewalQuoted(
            holder + "-e" + n++,
            holder,
            at(renewal.minusDays(45), 9),
            policy,
            annualPremium,
            Math.round(annualPremium * 0.98)));
    out.add(
        Events.session(holder + "-e" + n, holder, at(renewal.minusDays(40), 20), "APP", "RENEWAL"));
    return out;
  }
}
