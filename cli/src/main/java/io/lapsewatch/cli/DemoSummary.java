package io.lapsewatch.cli;

import com.icegreen.greenmail.util.GreenMail;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alerts.notify.ConsoleNotifier;
import io.lapsewatch.embedded.WebhookReceiver;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** What the demo prints at the end. */
record DemoSummary(
    double totalSeconds,
    double jobSeconds,
    long published,
    long valid,
    long deadLettered,
    long tooLate,
    long scored,
    int holders,
    long alerts,
    Map<String, Long> byTierAndAction,
    String deliveries,
    Alert sample,
    String metricsAddress,
    Path consoleLog,
    DemoRecovery recovery,
    Path metricsFile,
    String scrape,
    Desk desk,
    Journeys journeys,
    DemoModelHealth model) {

  /**
   * The retention desk after the simulated agents: what they did, where the team page is, and the
   * topic their results also went to.
   */
  record Desk(
      DemoAgents.Report agents, String teamPage, String policyEventsTopic, int leadMessages) {}

  /**
   * The journeys the job ran: the plans file, the table per plan and step, and the alerts the job's
   * contact rules suppressed (opted out or over the contact cap).
   */
  record Journeys(
      Path plansFile,
      DemoJourneyTable table,
      long contactsSuppressed,
      Map<String, Long> suppressedByReason) {}

  /** The contact rules' reason label of alerts held through quiet hours (not suppressed). */
  static final String QUIET_HOURS_HELD = "quiet_hours_held";

  /** What each local receiver got. */
  static String deliveries(WebhookReceiver chat, GreenMail smtp) {
    return String.format(
        "DingTalk %,d, WeCom %,d, Slack %,d, email %,d",
        chat.requests("/dingtalk").size(),
        chat.requests("/wecom").size(),
        chat.requests("/slack").size(),
        smtp.getReceivedMessages().length);
  }

  /**
   * Whether the saved /metrics scrape shows the recovery rates printed here (both arms, both
   * tiers): the demo fails otherwise.
   */
  boolean scrapeMatches() {
    for (Arm arm : Arm.values()) {
      OptionalDouble printed = recovery.rate(arm);
      OptionalDouble scraped = DemoMetricsScrape.recoveryRate(scrape, arm);
      if (!printed.equals(scraped)) {
        return false;
      }
    }
    return true;
  }

  private static String percent(OptionalDouble rate) {
    return rate.isPresent() ? String.format("%5.1f%%", 100 * rate.getAsDouble()) : "  n/a ";
  }

  private void printDesk(PrintStream out) {
    DemoAgents.Report a = desk.agents();
    DemoDeskFigures f = a.figures();
    out.printf(
        "retention cases        %,d opened (one per treated alert); %,d case links in the messages"
            + "%s%n",
        f.cases(),
        a.linksFound(),
        a.casesWithoutLink() == 0
            ? ""
            : String.format(", %,d cases linked from no message", a.casesWithoutLink()));
    out.printf(
        "agents' taps           %,d through the case pages (link, then result form), %,d refused;"
            + " results on %,d cases%n",
        a.tapsPlanned(), a.failedTaps(), f.withResult());
    out.printf(
        "contact rate          %s (%,d of %,d cases: policyholder reached)%n",
        percent(f.contactRate()), f.contacted(), f.cases());
    out.printf(
        "first contact          median %s after the case opened%n",
        f.medianHoursToFirstContact().isPresent()
            ? String.format("%.1f h", f.medianHoursToFirstContact().getAsDouble())
            : "n/a");
    out.printf(
        "closure                %,d closed by an agent's result, %,d expired, %,d still open%s"
            + " (desk clock at %s)%n",
        f.closedByAgent(),
        f.expired(),
        f.stillOpen(),
        f.erased() == 0 ? "" : String.format(", %,d erased", f.erased()),
        a.clockAtEnd());
    out.printf(
        "escalations            %,d to level 1 (branch lead told), %,d to level 2 (senior pool);"
            + " %,d lead messages delivered%n",
        f.escalatedToLead(), f.escalatedToPool(), desk.leadMessages());
    StringBuilder kinds = new StringBuilder();
    f.resultsByKind()
        .forEach(
            (k, n) ->
                kinds.append(kinds.length() == 0 ? "" : ", ").append(k).append(' ').append(n));
    out.printf("results by kind        %s%n", kinds.length() == 0 ? "none" : kinds);
    out.printf(
        "    (the results also went to %s: callbacks' as CALLBACK_COMPLETED, reached offers' as"
            + " OFFER_SENT; the bounded job had already finished, so this run does not score"
            + " them)%n",
        desk.policyEventsTopic());
    out.println(
        "a case page            "
            + a.sampleLink()
                .map(URI::toString)
                .orElse("(none: every case link expired by the end of the live period)"));
    out.println(
        "team page              "
            + desk.teamPage()
            + " (signs in "
            + DemoRoles.LEAD
            + ", lead of "
            + DemoRoles.HOME_BRANCH
            + "; open it with --keep-running)");
  }

  private void printJourneys(PrintStream out) {
    out.printf(
        "journeys               plans in %s (counts: both arms; recovery: each step's alerts)%n",
        journeys.plansFile());
    journeys.table().print(out);
    out.println(
        "contact rules          "
            + contactRules(journeys.contactsSuppressed(), journeys.suppressedByReason())
            + "; journey steps among them in the table's suppressed column");
  }

  /** The contact rules' line: "5 alerts suppressed (by reason: contact_cap 3, ...); ...". */
  static String contactRules(long suppressed, Map<String, Long> byReason) {
    StringBuilder b = new StringBuilder();
    long held = 0;
    for (Map.Entry<String, Long> e : byReason.entrySet()) {
      if (e.getKey().equals(QUIET_HOURS_HELD)) {
        held = e.getValue();
      } else {
        b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
      }
    }
    return String.format(
        "%,d alerts suppressed (%s); %,d held through quiet hours, then sent",
        suppressed, b.length() == 0 ? "none by reason" : "by reason: " + b, held);
  }

  void print(PrintStream out) {
    int malformed = DemoRun.MALFORMED.size();
    out.println();
    out.println("==== LapseWatch demo summary ====");
    out.printf(
        "events processed       %,d of %,d published (%,.0f events/s through the job)%n",
        valid, published + malformed, valid / Math.max(0.001, jobSeconds));
    out.printf(
        "dead-lettered          %,d records on the dead-letter topic with reasons (%d malformed"
            + " sent, %,d too late)%n",
        deadLettered, malformed, tooLate);
    out.printf(
        "policyholders scored   %,d of %,d (renewing within the alert horizon)%n", scored, holders);
    out.printf("alerts raised          %,d%n", alerts);
    byTierAndAction.forEach((k, v) -> out.printf("    %-36s %,d%n", k, v));
    out.printf("messages delivered     %s (routes in %s)%n", deliveries, consoleLog);
    if (sample != null) {
      out.println("sample alert message:");
      for (String line : ConsoleNotifier.format(sample).split("\n")) {
        out.println("    " + line);
      }
    }
    out.printf(
        "recovery by arm        (alerted terms that renewed, of those whose outcome is known,"
            + " resolved in the last %d days of event time)%n",
        recovery.windowDays());
    for (Arm arm : List.of(Arm.TREATED, Arm.HOLDOUT)) {
      long recovered = recovery.recovered(arm);
      long known = recovered + recovery.lapsed(arm);
      out.printf(
          "    %-8s %s recovered (%,d of %,d)%n",
          arm, percent(recovery.rate(arm)), recovered, known);
    }
    OptionalDouble treated = recovery.rate(Arm.TREATED);
    OptionalDouble holdout = recovery.rate(Arm.HOLDOUT);
    double uplift =
        treated.isPresent() && holdout.isPresent()
            ? treated.getAsDouble() - holdout.getAsDouble()
            : Double.NaN;
    out.printf("    uplift   %+5.1f points over the holdout%n", 100 * uplift);
    out.printf(
        "recovered premium      %,.0f annual premium of treated terms that renewed%n",
        recovery.recoveredTreatedPremium());
    printJourneys(out);
    printDesk(out);
    model.print(out);
    out.println("metrics                " + metricsAddress);
    out.printf(
        "metrics scrape         %s: lapsewatch_recovery_rate TREATED %s, HOLDOUT %s (%s)%n",
        metricsFile,
        percent(DemoMetricsScrape.recoveryRate(scrape, Arm.TREATED)),
        percent(DemoMetricsScrape.recoveryRate(scrape, Arm.HOLDOUT)),
        scrapeMatches() ? "as printed above" : "DIFFERS from the rates printed above");
    out.printf("finished in %.1f s%n", totalSeconds);
  }
}
