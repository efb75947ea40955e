package io.lapsewatch.cli;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.featurestore.simulator.NdjsonEvents;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.modeltraining.TrainingExample;
import io.lapsewatch.modeltraining.TrainingSetBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Files for {@code uplift train}: a simulated event history, and alerts and outcomes crafted for
 * its terms as the job would record them (a 40% random holdout arm, offers and callbacks
 * alternating; contact saves some lapsing policyholders whose tenure is short, so there is an
 * effect to find), some journey follow-ups and expired outcomes, and the true effects as a truth
 * CSV.
 */
record UpliftRecordsFixture(Path events, Path alerts, Path outcomes, Path truth) {
  /** Writes the four files into {@code dir}. */
  static UpliftRecordsFixture write(Path dir) throws Exception {
    Path events = dir.resolve("events.ndjson");
    Path alerts = dir.resolve("alerts.ndjson");
    Path outcomes = dir.resolve("outcomes.ndjson");
    Path truth = dir.resolve("truth.csv");
    TrainingSetBuilder builder = new TrainingSetBuilder(30);
    try (NdjsonEvents.Writer w = new NdjsonEvents.Writer(events)) {
      new Simulator(SimulationConfig.of(1_500, 420, 3))
          .run(
              e -> {
                w.accept(e);
                builder.accept(e);
              });
    }
    int tenure = FeatureSchema.keys().indexOf(Feature.TENURE_DAYS.key());
    SplittableRandom rng = new SplittableRandom(4);
    List<String> alertLines = new ArrayList<>();
    List<String> outcomeLines = new ArrayList<>();
    StringBuilder truthCsv =
        new StringBuilder("policyholderId,policyId,renewalDate,action,type,effect\n");
    List<TrainingExample> terms = builder.examples();
    for (int i = 0; i < terms.size(); i++) {
      TrainingExample t = terms.get(i);
      boolean persuadable = t.features()[tenure] < 700;
      Arm arm = rng.nextDouble() < 0.4 ? Arm.HOLDOUT : Arm.TREATED;
      RetentionAction action =
          i % 2 == 0 ? RetentionAction.RENEWAL_OFFER : RetentionAction.AGENT_CALLBACK;
      boolean renewed =
          !t.lapsed() || (arm == Arm.TREATED && persuadable && rng.nextDouble() < 0.6);
      Alert a = alert("al-" + i, t, arm, action);
      alertLines.add(AlertJson.toJson(a));
      outcomeLines.add(
          new String(
              OutcomeJson.toBytes(
                  outcome(
                      a,
                      i % 97 == 0
                          ? OutcomeKind.EXPIRED_UNKNOWN
                          : renewed ? OutcomeKind.RECOVERED : OutcomeKind.LAPSED)),
              StandardCharsets.UTF_8));
      if (i % 50 == 0) {
        Alert f = alert("al-f" + i, t, arm, action);
        f.journey = "high-value-callback";
        f.journeyVersion = 1;
        f.journeyStep = "second-call";
        f.followUp = true;
        alertLines.add(AlertJson.toJson(f));
      }
      for (String act : List.of("offer", "callback")) {
        truthCsv.append(
            String.format(
                "%s,%s,%s,%s,%s,%s%n",
                t.policyholderId(),
                t.policyId(),
                LocalDate.ofEpochDay(t.renewalDate()),
                act,
                persuadable ? "persuadable" : "sure-thing",
                persuadable ? 0.3 : 0.0));
      }
    }
    Files.write(alerts, alertLines);
    Files.write(outcomes, outcomeLines);
    Files.writeString(truth, truthCsv);
    return new UpliftRecordsFixture(events, alerts, outcomes, truth);
  }

  private static Alert alert(String id, TrainingExample t, Arm arm, RetentionAction action) {
    Alert a = new Alert();
    a.alertId = id;
    a.policyholderId = t.policyholderId();
    a.policyId = t.policyId();
    a.score = 0.6;
    a.riskBand = RiskBand.of(a.score);
    a.modelVersion = "m-test";
    a.asOf = t.asOf();
    a.renewalDate = t.renewalDate();
    a.daysToRenewal = 30;
    a.annualPremium = 800;
    a.tier = action == RetentionAction.AGENT_CALLBACK ? Tier.HIGH_VALUE : Tier.STANDARD;
    a.action = action;
    a.arm = arm;
    a.reasons = new Reason[] {new Reason("tenure_days", 100, 0.5, "new policyholder")};
    a.deadline = t.renewalDate() - 7;
    return a;
  }

  private static Outcome outcome(Alert a, OutcomeKind kind) {
    Outcome o = new Outcome();
    o.alertId = a.alertId;
    o.policyholderId = a.policyholderId;
    o.policyId = a.policyId;
    o.arm = a.arm;
    o.tier = a.tier;
    o.action = a.action;
    o.outcome = kind;
    o.alertedAt = a.asOf;
    o.resolvedAt = a.asOf + 40L * 86_400_000L;
    o.annualPremium = a.annualPremium;
    return o;
  }
}
