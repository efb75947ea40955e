package io.lapsewatch.modeltraining;

import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.modeltraining.calibration.Calibration;
import io.lapsewatch.modeltraining.calibration.Calibrator;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.model.ModelMetadata;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.modeltraining.model.Standardizer;
import io.lapsewatch.modeltraining.monitoring.ReferenceProfile;
import io.lapsewatch.modeltraining.report.EvaluationReport;
import io.lapsewatch.modeltraining.report.FeatureImportance;
import io.lapsewatch.modeltraining.report.HtmlReport;
import io.lapsewatch.modeltraining.report.MetricsJson;
import io.lapsewatch.modeltraining.trainers.GradientBoostingParams;
import io.lapsewatch.modeltraining.trainers.Hyperparameters;
import io.lapsewatch.modeltraining.trainers.ModelTrainer;
import io.lapsewatch.modeltraining.trainers.RandomForestParams;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the baseline lapse model: an out-of-time split (earlier renewal dates train, later ones
 * test), standardised features, Tribuo logistic regression, metrics on the test slice, and a
 * threshold that maximises F1 there. Saves a new version into a {@link ModelRegistry}.
 */
public final class LapseTrainer {
  /** Share of examples, by renewal date, held out as the later test period. */
  public static final double TEST_SHARE = 0.25;

  /** Share of the training period, its latest part, held out for calibration and threshold. */
  public static final double CALIBRATION_SHARE = 0.2;

  /** AdaGrad learning rate; documented default for the baseline. */
  public static final double LEARNING_RATE = 0.05;

  /** Passes over the training data. */
  public static final int EPOCHS = 15;

  public static final long SEED = 42L;

  /**
   * Default share of renewing terms the retention team can act on; the threshold is the score that
   * flags this share of the test period.
   */
  public static final double ALERT_SHARE = 0.10;

  /**
   * Lead time, in days before renewal, of the terms the reference profile describes: the job
   * monitors each term's vector and score at this lead time, so drift compares like with like.
   */
  public static final int MONITORING_LEAD_DAYS = 30;

  /** What a training run produced. */
  public record Result(String version, Path dir, ModelMetadata metadata) {}

  private LapseTrainer() {}

  public static Result train(List<TrainingExample> examples, ModelRegistry registry)
      throws IOException {
    return train(
        examples,
        registry,
        TrainerKind.LR,
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
  }

  /**
   * Gradient-boosted trees for event data: 100 rounds of depth-4 trees, eta 0.1, 80% row and column
   * sampling (scored online by walking the trees in pure Java).
   */
  public static final GradientBoostingParams EVENT_GBT =
      new GradientBoostingParams(100, 0.1, 4, 10, 0.8, 0.8, 1.0, 0.0, SEED);

  /** Trains the given kind of model; progress (epochs, trees) goes to {@code progress}. */
  public static Result train(
      List<TrainingExample> examples,
      ModelRegistry registry,
      TrainerKind kind,
      java.io.PrintStream progress)
      throws IOException {
    if (examples.size() < 50) {
      throw new IllegalArgumentException(
          "only " + examples.size() + " labelled examples; simulate more policyholders or days");
    }
    int split = (int) Math.round(examples.size() * (1 - TEST_SHARE));
    List<TrainingExample> trainAll = examples.subList(0, split);
    List<TrainingExample> test = examples.subList(split, examples.size());
    // The latest slice of the training period is held out to calibrate scores and to choose the
    // threshold, so the test period stays untouched until the final evaluation.
    int calibrateFrom = (int) Math.round(trainAll.size() * (1 - CALIBRATION_SHARE));
    List<TrainingExample> train = trainAll.subList(0, calibrateFrom);
    List<TrainingExample> calibrationSlice = trainAll.subList(calibrateFrom, trainAll.size());
    int width = FeatureSchema.size();
    double[][] trainRows = train.stream().map(TrainingExample::features).toArray(double[][]::new);
    Standardizer fitted = Standardizer.fit(trainRows, width);
    // Trees need no scaling; the identity keeps raw values (and explanations) readable.
    Standardizer standardizer =
        kind == TrainerKind.LR ? fitted : new Standardizer(new double[width], ones(width));
    String[] names = FeatureSchema.keys().toArray(new String[0]);

    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> data =
        new MutableDataset<>(
            new SimpleDataSourceProvenance("lapsewatch point-in-time examples", labels), labels);
    for (TrainingExample x : train) {
      data.add(
          new ArrayExample<>(
              new Label(x.lapsed() ? ChurnModel.LAPSED : ChurnModel.RENEWED),
              names,
              standardizer.apply(x.features())));
    }
    Model<Label> model;
    Map<String, Object> hyper = new LinkedHashMap<>();
    if (kind == TrainerKind.LR) {
      LinearSGDTrainer trainer =
          new LinearSGDTrainer(
              new LogMulticlass(),
              new AdaGrad(LEARNING_RATE, 0.1),
              EPOCHS,
              Integer.MAX_VALUE,
              1,
              SEED);
      model = trainer.train(data);
      hyper.put("optimiser", "AdaGrad");
      hyper.put("learningRate", LEARNING_RATE);
      hyper.put("epochs", EPOCHS);
      hyper.put("seed", SEED);
    } else {
      Hyperparameters params = kind == TrainerKind.GBT ? EVENT_GBT : RandomForestParams.DEFAULT;
      model = ModelTrainer.train(params, data, progress);
      hyper.putAll(params.asMap());
    }
    hyper.put("testShare", TEST_SHARE);
    String version = newVersion(examples);
    String trainerName = kind.description();
    double[] baseline = fitted.mean();
    ModelMetadata provisional =
        metadata(
            version,
            hyper,
            examples,
            trainAll.size(),
            test.size(),
            Map.of(),
            0.5,
            "",
            standardizer,
            model,
            trainerName,
            baseline,
            null,
            null);
    ChurnModel uncalibrated = new ChurnModel(model, provisional);
    double[] rawCalibration = new double[calibrationSlice.size()];
    boolean[] calibrationLapsed = new boolean[calibrationSlice.size()];
    for (int i = 0; i < rawCalibration.length; i++) {
      rawCalibration[i] = uncalibrated.rawScore(calibrationSlice.get(i).features());
      calibrationLapsed[i] = calibrationSlice.get(i).lapsed();
    }
    Calibrator calibrator = Calibration.fit(rawCalibration, calibrationLapsed);
    double threshold =
        Evaluation.topShareThreshold(calibrator.calibrateAll(rawCalibration), ALERT_SHARE);
    double[] scores = new double[test.size()];
    boolean[] lapsed = new boolean[test.size()];
    for (int i = 0; i < test.size(); i++) {
      scores[i] = calibrator.calibrate(uncalibrated.rawScore(test.get(i).features()));
      lapsed[i] = test.get(i).lapsed();
    }
    Map<String, Double> metrics = Evaluation.summary(scores, lapsed);
    ModelMetadata meta =
        metadata(
            version,
            hyper,
            examples,
            trainAll.size(),
            test.size(),
            metrics,
            threshold,
            String.format(
                java.util.Locale.ROOT,
                "top %.0f%% of the held-out calibration terms by calibrated score (daily capacity"
                    + " share); %s calibration on %d terms",
                100 * ALERT_SHARE,
                calibrator.methodName(),
                calibrationSlice.size()),
            standardizer,
            model,
            trainerName,
            baseline,
            calibrator,
            referenceProfile(test, scores, lapsed));

    Path dir = registry.versionDir(version);
    Files.createDirectories(dir);
    model.serializeToFile(dir.resolve(ChurnModel.MODEL_FILE));
    meta.write(dir.resolve(ChurnModel.METADATA_FILE));
    writeReport(
        meta, new ChurnModel(model, meta), test, scores, lapsed, threshold, calibrator, dir);
    return new Result(version, dir, meta);
  }

  private static ModelMetadata metadata(
      String version,
      Map<String, Object> hyper,
      List<TrainingExample> all,
      int trainRows,
      int testRows,
      Map<String, Double> metrics,
      double threshold,
      String rule,
      Standardizer s,
      Model<Label> model,
      String trainer,
      double[] baseline,
      Calibrator calibration,
      ReferenceProfile profile) {
    return new ModelMetadata(
        version,
        Instant.now().toString(),
        FeatureSchema.VERSION,
        FeatureSchema.hash(),
        FeatureSchema.keys(),
        trainer,
        hyper,
        dataHash(all),
        trainRows,
        testRows,
        metrics,
        threshold,
        rule,
        s.mean(),
        s.std(),
        model.getProvenance().toString(),
        baseline,
        calibration,
        profile);
  }

  /**
   * The reference profile of the held-out test terms at {@link #MONITORING_LEAD_DAYS} (or, when no
   * example has that cut-off, at the most common cut-off): their features and calibrated scores.
   */
  static ReferenceProfile referenceProfile(
      List<TrainingExample> test, double[] scores, boolean[] lapsed) {
    Map<Integer, Integer> byCutoff = new java.util.TreeMap<>();
    for (TrainingExample x : test) {
      byCutoff.merge(x.cutoffDays(), 1, Integer::sum);
    }
    int lead =
        byCutoff.containsKey(MONITORING_LEAD_DAYS)
            ? MONITORING_LEAD_DAYS
            : byCutoff.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    List<double[]> rows = new ArrayList<>();
    List<Double> leadScores = new ArrayList<>();
    List<Boolean> leadLapsed = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      if (test.get(i).cutoffDays() == lead) {
        rows.add(test.get(i).features());
        leadScores.add(scores[i]);
        leadLapsed.add(lapsed[i]);
      }
    }
    boolean[] outcomes = new boolean[leadLapsed.size()];
    for (int i = 0; i < outcomes.length; i++) {
      outcomes[i] = leadLapsed.get(i);
    }
    return ReferenceProfile.build(
        lead, rows, leadScores.stream().mapToDouble(Double::doubleValue).toArray(), outcomes);
  }

  /**
   * The evaluation report (HTML with ROC, precision-recall, calibration and gains charts) and
   * {@code metrics.json} beside the model. Importance here is each feature's mean positive
   * contribution to the log-odds over the test terms, the same quantity alert reasons use.
   */
  private static void writeReport(
      ModelMetadata meta,
      ChurnModel model,
      List<TrainingExample> test,
      double[] scores,
      boolean[] lapsed,
      double threshold,
      Calibrator calibrator,
      Path dir)
      throws IOException {
    double[] total = new double[FeatureSchema.size()];
    int sample = Math.min(test.size(), 1000);
    for (int i = 0; i < sample; i++) {
      for (ChurnModel.Contribution c :
          model.explain(test.get(i).features(), FeatureSchema.size())) {
        total[FeatureSchema.keys().indexOf(c.feature())] += c.logOdds();
      }
    }
    List<FeatureImportance.Entry> entries = new java.util.ArrayList<>();
    for (int j = 0; j < total.length; j++) {
      double mean = total[j] / Math.max(1, sample);
      entries.add(new FeatureImportance.Entry(FeatureSchema.feature(j).key(), mean, mean));
    }
    double positives = 0;
    for (boolean b : lapsed) {
      positives += b ? 1 : 0;
    }
    EvaluationReport report =
        new EvaluationReport(
            "LapseWatch lapse model " + meta.version(),
            meta.trainer(),
            meta.trainer() + " on point-in-time examples of simulated or real policy terms",
            meta.hyperparameters(),
            "documented defaults (no search)",
            List.of(),
            new EvaluationReport.Rows(
                meta.trainingRows(),
                meta.trainingRows(),
                0,
                meta.testRows(),
                FeatureSchema.size(),
                positives / Math.max(1, lapsed.length)),
            calibrator.methodName() + " calibration on the latest part of the training period",
            meta.thresholdRule(),
            EvaluationReport.Scored.of(scores, lapsed, threshold),
            new FeatureImportance(
                "mean positive contribution to the log-odds over " + sample + " test terms",
                entries),
            List.of(
                "Out-of-time split: earlier renewal dates train, the latest "
                    + Math.round(100 * TEST_SHARE)
                    + "% of terms test."));
    HtmlReport.write(report, dir.resolve("report.html"));
    MetricsJson.write(report, dir.resolve("metrics.json"));
  }

  private static double[] ones(int n) {
    double[] d = new double[n];
    java.util.Arrays.fill(d, 1.0);
    return d;
  }

  private static String newVersion(List<TrainingExample> examples) {
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    return "m" + stamp + "-" + dataHash(examples).substring(0, 6);
  }

  /** Hash of every example's identity, features and label: same data, same hash. */
  static String dataHash(List<TrainingExample> examples) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(8 * (FeatureSchema.size() + 3));
      for (TrainingExample x : examples) {
        sha.update(x.policyId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        buf.clear();
        buf.putLong(x.asOf()).putLong(x.renewalDate()).putLong(x.lapsed() ? 1 : 0);
        for (double d : x.features()) {
          buf.putDouble(d);
        }
        sha.update(buf.array(), 0, buf.position());
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Scores of a model on examples (for reports and tests). */
  public static double[] score(ChurnModel model, List<TrainingExample> examples) {
    List<Double> out = new ArrayList<>();
    for (TrainingExample x : examples) {
      out.add(model.score(x.features()));
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
