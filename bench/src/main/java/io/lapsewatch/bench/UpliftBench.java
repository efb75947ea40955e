package io.lapsewatch.bench;

import io.lapsewatch.alertcontract.policy.HoldoutArm;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.featurestore.simulator.TreatmentEffects;
import io.lapsewatch.featurestore.simulator.TreatmentTruth;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import io.lapsewatch.modeltraining.trainers.RandomForestParams;
import io.lapsewatch.modeltraining.uplift.ClassTransformationLearner;
import io.lapsewatch.modeltraining.uplift.TwoModelLearner;
import io.lapsewatch.modeltraining.uplift.UpliftDataset;
import io.lapsewatch.modeltraining.uplift.UpliftEstimator;
import io.lapsewatch.modeltraining.uplift.UpliftModel;
import io.lapsewatch.modeltraining.uplift.UpliftSelection;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Section {@code uplift}: a retention programme under the same capacity three ways — by a learned
 * uplift model, by churn risk, at random — in the heterogeneous and the homogeneous simulated
 * world, counting the true saves per 1,000 contacts from the simulator's ground truth.
 *
 * <p>Per world and seed: a learning year runs today's programme (risk alerts, a randomized holdout,
 * the tier's action) and keeps the alerted terms with arm and outcome; an uplift model per action
 * is chosen by cross-validation on them. A fresh year with another seed, where nobody is contacted,
 * gives the alertable terms and their true effects; each ranking contacts the same top share.
 */
final class UpliftBench {
  static final String SECTION = "uplift";

  /** Seed of the learning year {@code i} is this plus {@code i}; evaluation and random likewise. */
  static final long LEARNING_SEED = 1_000;

  static final long EVALUATION_SEED = 2_000;
  static final long RANDOM_SEED = 3_000;

  /** Settings of one run. */
  record Settings(
      int holders, int days, int seeds, double holdoutShare, double capacityShare, boolean quick) {}

  /** One world and seed: true saves per 1,000 contacts of each ranking, and the data sizes. */
  record SeedResult(
      double uplift,
      double risk,
      double random,
      int learningRows,
      int learningHoldoutRows,
      int alertableTerms,
      String learners) {
    double upliftVsRisk() {
      return uplift / risk;
    }
  }

  private static final List<String> FEATURES =
      Arrays.stream(Feature.values()).map(Enum::name).toList();

  private final PrintStream log;
  private final BenchResults results;

  UpliftBench(PrintStream log, BenchResults results) {
    this.log = log;
    this.results = results;
  }

  /** Runs both worlds over every seed with the churn model {@code model} and writes the figures. */
  void run(Settings s, ChurnModel model) {
    Map<TreatmentEffects, List<SeedResult>> byWorld = new HashMap<>();
    for (TreatmentEffects world :
        List.of(TreatmentEffects.HETEROGENEOUS, TreatmentEffects.HOMOGENEOUS)) {
      List<SeedResult> runs = new ArrayList<>();
      for (int i = 0; i < s.seeds(); i++) {
        long t0 = System.nanoTime();
        SeedResult r = oneSeed(s, model, world, i);
        runs.add(r);
        log.printf(
            "  %s seed %d: saves/1000 uplift %.1f, risk %.1f, random %.1f (learned from %,d"
                + " terms, %,d held out; %s; %,d alertable terms in the evaluation year) in %.1f s%n",
            world.name().toLowerCase(java.util.Locale.ROOT),
            i,
            r.uplift(),
            r.risk(),
            r.random(),
            r.learningRows(),
            r.learningHoldoutRows(),
            r.learners(),
            r.alertableTerms(),
            (System.nanoTime() - t0) / 1e9);
      }
      byWorld.put(world, runs);
    }
    write(
        results,
        s,
        byWorld.get(TreatmentEffects.HETEROGENEOUS),
        byWorld.get(TreatmentEffects.HOMOGENEOUS));
  }

  /**
   * How much holdout data the uplift model needs: for each learning-book size, both worlds over
   * {@code seeds} seeds, the holdout outcomes it learnt from and the uplift-to-risk ratio of saves.
   * Writes {@code uplift_holdout_<size>_outcomes}, {@code uplift_holdout_<size>_vs_risk} and {@code
   * uplift_holdout_<size>_homogeneous_vs_risk} (means over seeds, with {@code _sd}).
   */
  void holdoutCurve(Settings s, ChurnModel model, int[] bookSizes) {
    for (int holders : bookSizes) {
      Settings at =
          new Settings(holders, s.days(), s.seeds(), s.holdoutShare(), s.capacityShare(), true);
      double[] outcomes = new double[s.seeds()];
      double[] het = new double[s.seeds()];
      double[] hom = new double[s.seeds()];
      for (int i = 0; i < s.seeds(); i++) {
        SeedResult h = oneSeed(at, model, TreatmentEffects.HETEROGENEOUS, i);
        SeedResult o = oneSeed(at, model, TreatmentEffects.HOMOGENEOUS, i);
        outcomes[i] = h.learningHoldoutRows();
        het[i] = h.upliftVsRisk();
        hom[i] = o.upliftVsRisk();
        log.printf(
            "  %,d policyholders seed %d: %,d holdout outcomes learnt from; uplift/risk saves"
                + " %.2f heterogeneous, %.2f homogeneous%n",
            holders, i, h.learningHoldoutRows(), het[i], hom[i]);
      }
      String p = "uplift_holdout_" + holders;
      figure(
          p + "_outcomes",
          outcomes,
          "outcomes",
          "holdout terms with a known outcome in the learning year");
      figure(p + "_vs_risk", het, "x", "uplift/risk saves per 1000 contacts, heterogeneous");
      figure(
          p + "_homogeneous_vs_risk", hom, "x", "uplift/risk saves per 1000 contacts, homogeneous");
    }
  }

  private void figure(String key, double[] values, String unit, String how) {
    results.figure(SECTION_HOLDOUT, key, mean(values), unit, how + ", mean over seeds");
    results.figure(SECTION_HOLDOUT, key + "_sd", sd(values), unit, "standard deviation over seeds");
  }

  /** The section of the holdout-size sweep. */
  static final String SECTION_HOLDOUT = "uplift-holdout";

  private SeedResult oneSeed(Settings s, ChurnModel model, TreatmentEffects world, int i) {
    // Learning year: today's programme with a randomized holdout, in this world.
    LearningProgramme learning =
        new LearningProgramme(model, new HoldoutArm(s.holdoutShare(), "uplift-bench-" + i));
    new Simulator(SimulationConfig.of(s.holders(), s.days(), LEARNING_SEED + i))
        .withTreatmentEffects(world)
        .run(learning, d -> {}, learning);
    Map<String, UpliftDataset> data =
        UpliftDataset.perAction(FEATURES, learning.control(), learning.treatedByAction());
    Map<String, UpliftModel> models = new HashMap<>();
    List<String> chosen = new ArrayList<>();
    int rows = learning.control().size();
    for (Map.Entry<String, UpliftDataset> e : data.entrySet()) {
      UpliftSelection.Result sel =
          UpliftSelection.select(e.getValue(), candidates(s.quick(), i), 3, 31L + i);
      models.put(e.getKey(), sel.model());
      Object base = sel.best().params().get("base");
      chosen.add(e.getKey() + ": " + sel.best().name() + (base == null ? "" : " on " + base));
      rows += e.getValue().treatedCount();
    }

    // Evaluation year: another seed, nobody contacted, the ground truth recorded.
    TreatmentTruth truth = new TreatmentTruth();
    EvaluationBook book = new EvaluationBook(model);
    new Simulator(SimulationConfig.of(s.holders(), s.days(), EVALUATION_SEED + i))
        .withTreatmentEffects(world)
        .withGroundTruth(truth)
        .run(ev -> {}, d -> {}, book);
    List<AlertedTerm> terms = new ArrayList<>();
    for (AlertedTerm t : book.terms()) {
      // Terms quoted before the simulation started or after it ended have no truth to count.
      if (truth.get(t.truthKey()).isPresent()) {
        terms.add(t);
      }
    }
    int n = terms.size();
    double[] effect = new double[n];
    double[] risk = new double[n];
    double[] uplift = new double[n];
    for (int k = 0; k < n; k++) {
      AlertedTerm t = terms.get(k);
      effect[k] = truth.effect(t.truthKey(), t.action());
      risk[k] = t.riskScore();
      UpliftModel m = models.get(t.actionName());
      if (m == null) {
        throw new IllegalStateException(
            "no uplift model for action "
                + t.actionName()
                + ": the learning year had no such term");
      }
      uplift[k] = m.uplift(t.features());
    }
    double share = s.capacityShare();
    return new SeedResult(
        CapacityChoice.savesPer1000(uplift, effect, share),
        CapacityChoice.savesPer1000(risk, effect, share),
        CapacityChoice.savesPer1000(CapacityChoice.randomScores(n, RANDOM_SEED + i), effect, share),
        rows,
        learning.control().size(),
        n,
        String.join(", ", chosen));
  }

  /**
   * The uplift candidates cross-validated per action: linear ones (quantile bins let a linear model
   * bend per feature) in both modes; a shallow forest too in the full mode.
   */
  static List<UpliftEstimator> candidates(boolean quick, long seed) {
    LogisticRegressionParams lr = new LogisticRegressionParams(30, 0.1, 10.0, 5, seed);
    List<UpliftEstimator> out = new ArrayList<>();
    out.add(new TwoModelLearner(lr));
    out.add(new ClassTransformationLearner(lr));
    if (!quick) {
      RandomForestParams rf = new RandomForestParams(60, 4, 5f, 0.67f, seed);
      out.add(new TwoModelLearner(rf));
      out.add(new ClassTransformationLearner(rf));
    }
    return out;
  }

  /** Writes the section's figures: means over seeds, their standard deviations and the settings. */
  static void write(
      BenchResults results, Settings s, List<SeedResult> heterogeneous, List<SeedResult> homogen) {
    results.size("uplift_policyholders", s.holders());
    results.size("uplift_days", s.days());
    results.size("uplift_seeds", s.seeds());
    results.size("uplift_holdout_share", s.holdoutShare());
    results.size("uplift_capacity_share", s.capacityShare());
    results.size(
        "uplift_seeds_learning_evaluation_random",
        String.format(
            java.util.Locale.ROOT,
            "%d..%d, %d..%d, %d..%d",
            LEARNING_SEED,
            LEARNING_SEED + s.seeds() - 1,
            EVALUATION_SEED,
            EVALUATION_SEED + s.seeds() - 1,
            RANDOM_SEED,
            RANDOM_SEED + s.seeds() - 1));
    String capacity =
        String.format(
            java.util.Locale.ROOT,
            "contacting the top %.0f%% of the year's alertable terms, ",
            100 * s.capacityShare());
    figures(results, "", heterogeneous, capacity + "heterogeneous world");
    figures(results, "homogeneous_", homogen, capacity + "homogeneous world");
    results.ratio(
        SECTION,
        "uplift_vs_risk_saves",
        "uplift_saves_per_1000_contacts",
        "risk_saves_per_1000_contacts",
        ">= 1.3");
    results.ratio(
        SECTION,
        "homogeneous_uplift_vs_risk_saves",
        "homogeneous_uplift_saves_per_1000_contacts",
        "homogeneous_risk_saves_per_1000_contacts",
        "no worse than 1 beyond its sd");
    results.figure(
        SECTION,
        "uplift_vs_risk_saves_sd",
        sd(heterogeneous.stream().mapToDouble(SeedResult::upliftVsRisk).toArray()),
        "ratio",
        "standard deviation over seeds of the per-seed ratio, heterogeneous world");
    results.figure(
        SECTION,
        "homogeneous_uplift_vs_risk_saves_sd",
        sd(homogen.stream().mapToDouble(SeedResult::upliftVsRisk).toArray()),
        "ratio",
        "standard deviation over seeds of the per-seed ratio, homogeneous world");
  }

  private static void figures(
      BenchResults results, String prefix, List<SeedResult> runs, String world) {
    String how =
        " ranking; true saves (sum of the chosen terms' true effects) per 1,000 contacts, mean over "
            + runs.size()
            + " seeds, "
            + world;
    figure(
        results, prefix + "uplift", runs.stream().mapToDouble(SeedResult::uplift), "uplift" + how);
    figure(results, prefix + "risk", runs.stream().mapToDouble(SeedResult::risk), "risk" + how);
    figure(
        results, prefix + "random", runs.stream().mapToDouble(SeedResult::random), "random" + how);
  }

  private static void figure(
      BenchResults results, String name, java.util.stream.DoubleStream values, String how) {
    double[] v = values.toArray();
    String key = name + "_saves_per_1000_contacts";
    results.figure(SECTION, key, mean(v), "saves/1000 contacts", how);
    results.figure(
        SECTION,
        key + "_sd",
        sd(v),
        "saves/1000 contacts",
        "standard deviation over seeds of " + key);
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  /** Sample standard deviation (n - 1); 0 for a single value. */
  static double sd(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (v.length - 1));
  }
}
