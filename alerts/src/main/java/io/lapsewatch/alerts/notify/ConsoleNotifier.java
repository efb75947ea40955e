package io.lapsewatch.alerts.notify;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alerts.template.Scrubber;
import io.lapsewatch.retentiondesk.CaseLinkUrls;
import java.io.PrintStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.Locale;

/** Writes each alert as a short, readable block of text (stdout by default). */
public final class ConsoleNotifier implements Notifier {
  /** The channel name in metrics and dead-letter headers. */
  public static final String CHANNEL = "console";

  private final PrintStream out;

  public ConsoleNotifier(PrintStream out) {
    this.out = out;
  }

  /** A notifier writing to {@link System#out}. */
  public static ConsoleNotifier stdout() {
    return new ConsoleNotifier(System.out);
  }

  @Override
  public String channel() {
    return CHANNEL;
  }

  @Override
  public DeliveryReceipt deliver(Alert alert) throws DeliveryException {
    return deliver(EnrichedAlert.of(alert));
  }

  @Override
  public DeliveryReceipt deliver(EnrichedAlert alert) throws DeliveryException {
    // One println per alert so concurrent writers never interleave inside a message.
    out.println(format(alert));
    // PrintStream swallows IOExceptions; without this check a closed stdout would look delivered.
    if (out.checkError()) {
      throw new DeliveryException(CHANNEL, "console stream reported a write error", 1, false, null);
    }
    return DeliveryReceipt.firstTry();
  }

  @Override
  public DeliveryReceipt deliverNotice(DeskNotice notice) throws DeliveryException {
    // Without the link's token, as for alerts: console output ends up in log files.
    String text = notice.text() + notice.link().map(l -> "\n" + withoutToken(l)).orElse("");
    out.println(text);
    if (out.checkError()) {
      throw new DeliveryException(CHANNEL, "console stream reported a write error", 1, false, null);
    }
    return DeliveryReceipt.firstTry();
  }

  /** {@link #format(EnrichedAlert)} of an alert without attributes. */
  public static String format(Alert a) {
    return format(EnrichedAlert.of(a));
  }

  /**
   * Where the case is, without the token that opens it: console output ends up in log files, and
   * the token is a bearer credential for the case.
   */
  static String withoutToken(URI link) {
    String path = link.getRawPath() == null ? "" : link.getRawPath();
    String where =
        link.getScheme() == null || link.getRawAuthority() == null
            ? path
            : link.getScheme() + "://" + link.getRawAuthority() + path;
    return where + "?" + CaseLinkUrls.TOKEN_PARAM + "=…";
  }

  /**
   * The alert in the words the retention team uses: what to do, for which policy, how risky, by
   * when, and why. Carries ids only, never the policyholder's name or contact details; the reasons
   * and model version pass the same {@link Scrubber} as every other channel's, which also masks the
   * attributes' personal values should they recur there. A case link shows where the case is but
   * not its token.
   */
  public static String format(EnrichedAlert e) {
    Alert a = e.alert();
    Scrubber scrubber = Scrubber.forAttributes(e.attributes());
    StringBuilder s = new StringBuilder();
    s.append("LapseWatch retention alert: ")
        .append(a.action)
        .append(" (")
        .append(a.tier)
        .append(" tier)");
    if (a.arm == Arm.HOLDOUT) {
      s.append(" [HOLDOUT: track only, do not contact]");
    }
    s.append('\n');
    s.append("  policy:     ").append(a.policyId);
    if (a.agentId != null && !a.agentId.isBlank()) {
      s.append(" (agent ").append(a.agentId).append(')');
    }
    s.append('\n');
    s.append("  lapse risk: ")
        .append(String.format(Locale.ROOT, "%.1f%%", a.score * 100))
        .append(" (")
        .append(a.riskBand)
        .append(")");
    if (a.modelVersion != null) {
      s.append(", model ").append(scrubber.scrub(a.modelVersion));
    }
    s.append('\n');
    s.append("  renewal:    ")
        .append(LocalDate.ofEpochDay(a.renewalDate))
        .append(", in ")
        .append(a.daysToRenewal)
        .append(a.daysToRenewal == 1 ? " day" : " days")
        .append('\n');
    s.append("  act by:     ").append(LocalDate.ofEpochDay(a.deadline)).append('\n');
    e.caseLink()
        .ifPresent(link -> s.append("  case:       ").append(withoutToken(link)).append('\n'));
    s.append("  why:");
    if (a.reasons == null || a.reasons.length == 0) {
      s.append("        (no reasons given)");
    }
    if (a.reasons != null) {
      for (Reason r : a.reasons) {
        String text = r.text == null || r.text.isBlank() ? r.feature : r.text;
        s.append("\n    - ").append(scrubber.scrub(text));
      }
    }
    s.append('\n');
    s.append("  alert id:   ").append(a.alertId);
    return s.toString();
  }
}
