package io.lapsewatch.modeltraining.tabular;

import io.lapsewatch.modeltraining.Evaluation;
import io.lapsewatch.modeltraining.calibration.Calibration;
import io.lapsewatch.modeltraining.calibration.Calibrator;
import io.lapsewatch.modeltraining.report.EvaluationReport;
import io.lapsewatch.modeltraining.report.FeatureImportance;
import io.lapsewatch.modeltraining.report.HtmlReport;
import io.lapsewatch.modeltraining.report.MetricsJson;
import io.lapsewatch.modeltraining.trainers.Hyperparameters;
import io.lapsewatch.modeltraining.trainers.ModelSelection;
import io.lapsewatch.modeltraining.trainers.ModelTrainer;
import io.lapsewatch.modeltraining.trainers.Splits;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * Trains and evaluates one model from a train CSV and a test CSV. The train file is split into a
 * fitting part and a held-out calibration slice (stratified); hyperparameters are chosen by
 * cross-validation inside the fitting part; the calibrator and the decision threshold come from the
 * calibration slice; the test file is scored exactly once, at the end.
 */
public final class TabularTraining {
  private TabularTraining() {}

  /**
   * One training run's settings.
   *
   * @param label outcome column and positive value
   * @param drop columns to ignore
   * @param params the configuration to train; when tuning, its {@link Hyperparameters#grid()} is
   *     searched instead
   * @param tune choose hyperparameters by cross-validation on the fit rows
   * @param folds cross-validation folds
   * @param calibrationShare share of train rows held out for calibration and the threshold
   * @param topShare share of rows the retention team can contact; sets the threshold
   * @param seed seed for splits, folds and trainers
   */
  public record Settings(
      LabelSpec label,
      Set<String> drop,
      Hyperparameters params,
      boolean tune,
      int folds,
      double calibrationShare,
      double topShare,
      long seed) {

    public Settings {
      drop = Set.copyOf(drop);
      if (folds < 2 && tune) {
        throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
      }
      if (!(topShare > 0 && topShare < 1)) {
        throw new IllegalArgumentException("contact share must be in (0, 1), was " + topShare);
      }
    }

    /** The trainer family. */
    public TrainerKind kind() {
      return params.kind();
    }

    /** The documented defaults of {@code kind}, tuned or not, with the given seed. */
    public static Settings defaults(
        LabelSpec label, Set<String> drop, TrainerKind kind, boolean tune, long seed) {
      return new Settings(label, drop, kind.defaults().withSeed(seed), tune, 5, 0.2, 0.10, seed);
    }
  }

  /** What a run produced. */
  public record Outcome(
      TabularModel model, EvaluationReport report, Hyperparameters params, double[] testScores) {}

  /** Runs the whole pipeline on two already-read tables. */
  public static Outcome run(CsvTable train, CsvTable test, Settings s, PrintStream out) {
    long t0 = System.nanoTime();
    boolean[] yAll = ModelSelection.labels(train, s.label());
    Splits.TwoWay split = Splits.stratifiedHoldout(yAll, s.calibrationShare(), s.seed());
    CsvTable fitTable = train.select(split.kept(), "fit");
    CsvTable calTable = train.select(split.heldOut(), "calibration");
    out.printf(
        Locale.ROOT,
        "split train: %,d rows to fit, %,d held out for calibration (stratified, seed %d)%n",
        fitTable.size(),
        calTable.size(),
        s.seed());

    Hyperparameters params = s.params();
    String selection =
        params.equals(s.kind().defaults().withSeed(s.seed()))
            ? "documented defaults (no tuning)"
            : "given configuration (no tuning)";
    List<EvaluationReport.CvLine> cvLines = new ArrayList<>();
    if (s.tune()) {
      List<Hyperparameters> grid = params.grid();
      out.printf(
          Locale.ROOT,
          "choosing %s hyperparameters: a grid of %d configurations, then refinement around the"
              + " best, %d-fold CV on the %,d fit rows%n",
          s.kind().flag(),
          grid.size(),
          s.folds(),
          fitTable.size());
      ModelSelection.Result r =
          ModelSelection.select(fitTable, s.label(), s.drop(), grid, s.folds(), s.seed(), out);
      params = r.best();
      for (ModelSelection.Score sc : r.scores()) {
        cvLines.add(
            new EvaluationReport.CvLine(
                sc.params().describe(),
                sc.meanAuc(),
                sc.sdAuc(),
                sc.meanLogLoss(),
                sc.params().equals(params)));
      }
      ModelSelection.Score best =
          r.scores().stream().filter(x -> x.params().equals(r.best())).findFirst().orElseThrow();
      selection =
          String.format(
              Locale.ROOT,
              "best mean AUC in %d-fold cross-validation on the fit rows (%.4f +- %.4f) of %d"
                  + " configurations",
              r.folds(),
              best.meanAuc(),
              best.sdAuc(),
              r.scores().size());
    }

    TabularEncoder encoder =
        TabularEncoder.fit(fitTable, s.label(), s.drop(), params.encoderOptions());
    List<String> notes = new ArrayList<>();
    for (String id : encoder.identifierLikeColumns(fitTable.size())) {
      String note =
          "column '"
              + id
              + "' has a distinct value in most rows (an identifier?); its values fall in the"
              + " '(other)' bucket. Consider --drop "
              + id;
      notes.add(note);
      out.println("warning: " + note);
    }
    TabularEncoder.Encoded fit = encoder.encode(fitTable);
    TabularEncoder.Encoded cal = encoder.encode(calTable);
    out.printf(
        Locale.ROOT,
        "training %s (%s) on %,d rows, %d encoded features%n",
        s.kind().description(),
        params.describe(),
        fit.x().length,
        encoder.width());
    Model<Label> model =
        ModelTrainer.train(
            params,
            TribuoRows.dataset(fit.x(), fit.positive(), encoder.featureNames(), train.source()),
            out);

    double[] calRaw = TribuoRows.positiveScores(model, cal.x(), encoder.featureNames());
    Calibrator calibrator = Calibration.fit(calRaw, cal.positive());
    double[] calScores = calibrator.calibrateAll(calRaw);
    double threshold = Evaluation.topShareThreshold(calScores, s.topShare());
    String thresholdRule =
        String.format(
            Locale.ROOT,
            "calibrated score that flags the top %.0f%% of the held-out calibration slice"
                + " (contact capacity)",
            100 * s.topShare());
    String calibration =
        String.format(
            Locale.ROOT,
            "%s, fitted on %,d held-out train rows (isotonic from %,d rows, else Platt)",
            calibrator.methodName(),
            calRaw.length,
            Calibration.ISOTONIC_MIN_ROWS);
    out.printf(
        Locale.ROOT,
        "calibration: %s; held-out AUC %.4f%n",
        calibration,
        Evaluation.aucRoc(calRaw, cal.positive()));
    FeatureImportance importance = importance(model, encoder, cal, s.seed());

    // The only time the test file is scored.
    TabularEncoder.Encoded te = encoder.encode(test);
    if (te.positive() == null) {
      throw new IllegalArgumentException(
          test.source() + " has no label column '" + s.label().column() + "' to evaluate against");
    }
    double[] testRaw = TribuoRows.positiveScores(model, te.x(), encoder.featureNames());
    double[] testScores = calibrator.calibrateAll(testRaw);
    EvaluationReport.Scored scored =
        EvaluationReport.Scored.of(testScores, te.positive(), threshold);
    Map<String, Double> metrics = new LinkedHashMap<>(scored.metrics());
    metrics.put("auc_roc_uncalibrated", Evaluation.aucRoc(testRaw, te.positive()));
    scored =
        new EvaluationReport.Scored(
            metrics,
            scored.threshold(),
            scored.confusion(),
            scored.atK(),
            scored.reliability(),
            scored.roc(),
            scored.precisionRecall(),
            scored.gains());
    if (te.otherLevels() > 0) {
      notes.add(
          String.format(
              Locale.ROOT,
              "%,d categorical test values were rare or unseen in the fit rows and were encoded"
                  + " as '(other)'",
              te.otherLevels()));
    }
    if (te.unparsableNumbers() > 0) {
      notes.add(
          String.format(
              Locale.ROOT,
              "%,d test values in numeric columns were not numbers and were treated as missing",
              te.unparsableNumbers()));
    }
    double trainRate = 0;
    for (boolean b : yAll) {
      trainRate += b ? 1.0 / yAll.length : 0;
    }
    EvaluationReport.Rows rows =
        new EvaluationReport.Rows(
            train.size(),
            fitTable.size(),
            calTable.size(),
            test.size(),
            encoder.width(),
            trainRate);
    String title = fileName(train.source()) + " -> " + fileName(test.source());
    EvaluationReport report =
        new EvaluationReport(
            title,
            s.kind().flag(),
            s.kind().description(),
            params.asMap(),
            selection,
            cvLines,
            rows,
            calibration,
            thresholdRule,
            scored,
            importance,
            notes);
    Map<String, Integer> rowCounts = new LinkedHashMap<>();
    rowCounts.put("train", train.size());
    rowCounts.put("fit", fitTable.size());
    rowCounts.put("calibration", calTable.size());
    rowCounts.put("test", test.size());
    TabularModelMetadata meta =
        new TabularModelMetadata(
            TabularModelMetadata.FORMAT,
            Instant.now().toString(),
            s.kind().flag(),
            params.asMap(),
            selection,
            encoder,
            calibrator,
            threshold,
            thresholdRule,
            train.source(),
            "",
            test.source(),
            "",
            rowCounts,
            metrics,
            model.getProvenance().toString());
    out.printf(
        Locale.ROOT,
        "test (%,d rows): AUC %.4f  PR-AUC %.4f  Brier %.4f  log-loss %.4f  lift@10%% %.2f"
            + "  capture@10%% %.1f%%  (%.1f s in all)%n",
        test.size(),
        metrics.get("auc_roc"),
        metrics.get("pr_auc"),
        metrics.get("brier"),
        metrics.get("log_loss"),
        metrics.get("lift_at_10pct"),
        100 * scored.atK().get(1).capture(),
        (System.nanoTime() - t0) / 1e9);
    return new Outcome(new TabularModel(model, meta), report, params, testScores);
  }

  /** Writes the model, its metadata, metrics.json and report.html into {@code dir}. */
  public static void write(Outcome o, Path trainFile, Path testFile, Path dir) throws IOException {
    Files.createDirectories(dir);
    TabularModelMetadata m = o.model().metadata();
    TabularModelMetadata withHashes =
        new TabularModelMetadata(
            m.format(),
            m.createdAt(),
            m.trainer(),
            m.hyperparameters(),
            m.selection(),
            m.encoder(),
            m.calibrator(),
            m.threshold(),
            m.thresholdRule(),
            m.trainFile(),
            trainFile == null ? "" : sha256(trainFile),
            m.testFile(),
            testFile == null ? "" : sha256(testFile),
            m.rows(),
            m.metrics(),
            m.provenance());
    o.model().model().serializeToFile(dir.resolve(TabularModel.MODEL_FILE));
    withHashes.write(dir.resolve(TabularModelMetadata.FILE));
    MetricsJson.write(o.report(), dir.resolve("metrics.json"));
    HtmlReport.write(o.report(), dir.resolve("report.html"));
  }

  @SuppressWarnings("unchecked")
  private static FeatureImportance importance(
      Model<Label> model, TabularEncoder encoder, TabularEncoder.Encoded cal, long seed) {
    if (model instanceof LinearSGDModel linear) {
      return FeatureImportance.linearWeights(linear);
    }
    if (model instanceof XGBoostModel<?> xgb) {
      return FeatureImportance.xgboostGain((XGBoostModel<Label>) xgb);
    }
    return FeatureImportance.permutation(
        model, cal.x(), cal.positive(), encoder.featureNames(), encoder.featureGroups(), 1, seed);
  }

  static String fileName(String source) {
    int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
    return slash < 0 ? source : source.substring(slash + 1);
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
