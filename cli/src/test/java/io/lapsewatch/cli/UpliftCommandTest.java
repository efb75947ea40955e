package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.lapsewatch.modeltraining.uplift.UpliftModelStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uplift train} end to end on files: a simulated event history, and alerts and outcomes
 * crafted for its terms as the job would record them (a random holdout arm; contact saves some
 * lapsing policyholders whose tenure is short, so there is an effect to find).
 */
class UpliftCommandTest {
  @TempDir static Path dir;
  private static Path events;
  private static Path alerts;
  private static Path outcomes;
  private static Path truth;

  @BeforeAll
  static void record() throws Exception {
    events = dir.resolve("events.ndjson");
    alerts = dir.resolve("alerts.ndjson");
    outcomes = dir.resolve("outcomes.ndjson");
    truth = dir.resolve("truth.csv");
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

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private int run(String... argv) {
    return Main.run(
        argv,
        new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  @Test
  void trainsBothActionsSavesTheModelsAndWritesTheReport() throws Exception {
    Path registry = dir.resolve("registry");
    Path report = dir.resolve("report");
    int code =
        run(
            "uplift", "train",
            "--events", events.toString(),
            "--alerts", alerts.toString(),
            "--outcomes", outcomes.toString(),
            "--registry", registry.toString(),
            "--out", report.toString(),
            "--folds", "2",
            "--seed", "5",
            "--truth-file", truth.toString());

    String out = outBytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out + errBytes).isZero();
    assertThat(out)
        .contains("journey follow-ups", "expired unknown", "offer:", "callback:")
        .contains("CV Qini coefficient (mean ± sd)", "chosen:", "held out: Qini coefficient")
        .contains("incremental saves / 1,000", "correlation with the true effect: 0.", "saved to");
    UpliftModelStore store = new UpliftModelStore(registry);
    for (String action : List.of("offer", "callback")) {
      List<String> versions = store.versions(action);
      assertThat(versions).as(action).hasSize(1);
      assertThat(
              UpliftModelStore.load(store.actionDir(action).resolve(versions.get(0)))
                  .provenance()
                  .action())
          .isEqualTo(action);
    }
    JsonNode m = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    assertThat(m.path("data").path("follow_ups_ignored").asLong()).isPositive();
    assertThat(m.path("data").path("expired_unknown").asLong()).isPositive();
    assertThat(m.path("actions").path("offer").path("heldout").path("true_effect_rows").asInt())
        .isPositive();
    assertThat(Files.readString(report.resolve("report.html")))
        .contains("<svg id=\"qini-offer\"", "<svg id=\"qini-callback\"");
  }

  @Test
  void withoutASubcommandItSaysWhichOneToGive() {
    assertThat(run("uplift")).isEqualTo(2);
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("give a subcommand: train");
  }

  @Test
  void refusesMissingInputsAndUnknownCandidateSetsNamingThem() {
    assertThat(
            run(
                "uplift", "train",
                "--events", events.toString(),
                "--outcomes", outcomes.toString(),
                "--registry", dir.resolve("r2").toString(),
                "--out", dir.resolve("o2").toString()))
        .isEqualTo(2);
    assertThat(
            run(
                "uplift", "train",
                "--events", events.toString(),
                "--alerts", alerts.toString(),
                "--outcomes", outcomes.toString(),
                "--registry", dir.resolve("r2").toString(),
                "--out", dir.resolve("o2").toString(),
                "--candidates", "fast"))
        .isEqualTo(2);
    assertThat(errBytes.toString(StandardCharsets.UTF_8))
        .contains("--alerts and --alerts-topic")
        .contains("--candidates 'fast'");
  }
}
