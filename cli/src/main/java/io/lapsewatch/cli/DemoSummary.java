package io.lapsewatch.cli;

import com.icegreen.greenmail.util.GreenMail;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alerts.notify.ConsoleNotifier;
import io.lapsewatch.embedded.WebhookReceiver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    Map<String, long[]> recoveryByArm) {

  /** What each local receiver got. */
  static String deliveries(WebhookReceiver chat, GreenMail smtp) {
    return String.format(
        "DingTalk %,d, WeCom %,d, Slack %,d, email %,d",
        chat.requests("/dingtalk").size(),
        chat.requests("/wecom").size(),
        chat.requests("/slack").size(),
        smtp.getReceivedMessages().length);
  }

  /** Arm → {recovered, lapsed} from the outcomes topic, read to its end. */
  static Map<String, long[]> recoveryByArm(String bootstrap, String topic) {
    Map<String, long[]> byArm = new LinkedHashMap<>();
    for (byte[] value : Topics.readAll(bootstrap, topic)) {
      try {
        Outcome o = OutcomeJson.parse(value);
        long[] counts = byArm.computeIfAbsent(o.arm.name(), x -> new long[2]);
        if (o.outcome == OutcomeKind.RECOVERED) {
          counts[0]++;
        } else if (o.outcome == OutcomeKind.LAPSED) {
          counts[1]++;
        }
      } catch (IOException e) {
        throw new IllegalStateException(
            "unreadable outcome on " + topic + ": " + e.getMessage(), e);
      }
    }
    return byArm;
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
    out.println(
        "recovery by arm        (alerted terms that renewed, of those whose outcome is known)");
    double[] rate = new double[2];
    int k = 0;
    for (String arm : List.of("TREATED", "HOLDOUT")) {
      long[] c = recoveryByArm.getOrDefault(arm, new long[2]);
      double r = c[0] + c[1] == 0 ? Double.NaN : (double) c[0] / (c[0] + c[1]);
      rate[k++] = r;
      out.printf("    %-8s %5.1f%% recovered (%,d of %,d)%n", arm, 100 * r, c[0], c[0] + c[1]);
    }
    out.printf("    uplift   %+5.1f points over the holdout%n", 100 * (rate[0] - rate[1]));
    out.println("metrics                " + metricsAddress);
    out.printf("finished in %.1f s%n", totalSeconds);
  }
}
