package io.lapsewatch.modeltraining.model;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.featurestore.simulator.NdjsonEvents;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.simulator.Simulator;
import io.lapsewatch.modeltraining.Evaluation;
import io.lapsewatch.modeltraining.LapseTrainer;
import io.lapsewatch.modeltraining.TrainingExample;
import io.lapsewatch.modeltraining.TrainingSetBuilder;
import io.lapsewatch.modeltraining.calibration.Calibration;
import io.lapsewatch.modeltraining.calibration.Calibrator;
import io.lapsewatch.modeltraining.trainers.ModelTrainer;
import io.lapsewatch.modeltraining.trainers.RandomForestParams;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Regenerates the golden churn models that {@link GoldenChurnModelTest} checks: simulates a fixed
 * history ({@link #HISTORY}), trains one model per {@link TrainerKind} on it as {@code lapsewatch
 * train} does (the forest smaller, see {@link #compactForest}), and saves in {@code
 * src/test/resources/golden/} the events of a few probe policyholders, their feature vectors and,
 * per trainer ({@code churn-lr/}, {@code churn-gbt/}, {@code churn-rf/}), the model and the scores
 * it gives those vectors. Run it only when a change is meant to alter features, training, saving or
 * scoring, and say so in the commit:
 *
 * <pre>
 * ./mvnw -o -q test-compile -pl model-training -am
 * java -cp model-training/target/test-classes:model-training/target/classes:$(./mvnw -q -o \
 *   dependency:build-classpath -Dmdep.outputFile=/dev/stdout -pl model-training) \
 *   io.lapsewatch.modeltraining.model.GoldenChurnModelGenerator model-training/src/test/resources/golden
 * </pre>
 */
public final class GoldenChurnModelGenerator {
  /** The simulated history the golden models learn from: fixed size and seed. */
  static final SimulationConfig HISTORY = SimulationConfig.of(1500, 365, 8);

  /** The golden forest: the random-forest kind and steps, small enough to keep. */
  static final RandomForestParams GOLDEN_FOREST = new RandomForestParams(8, 4, 5f, 0.3f, 42L);

  /** Probe policyholders whose events are kept: the first few, and the first few who lapse. */
  static final int PROBES = 3;

  private GoldenChurnModelGenerator() {}

  public static void main(String[] args) throws Exception {
    Path golden = Path.of(args.length > 0 ? args[0] : "model-training/src/test/resources/golden");
    TrainingSetBuilder examples = new TrainingSetBuilder(60, 30);
    Map<String, List<PolicyEvent>> byHolder = new LinkedHashMap<>();
    new Simulator(HISTORY)
        .run(
            e -> {
              examples.accept(e);
              byHolder.computeIfAbsent(e.policyholderId, k -> new ArrayList<>()).add(e);
            });
    writeProbeEvents(golden, byHolder);
    List<GoldenChurnFixture.Probe> probes = GoldenChurnFixture.probesFromEvents(golden);
    GoldenChurnFixture.writeVectors(golden, probes);

    Path scratch = Files.createTempDirectory("golden-churn");
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    for (TrainerKind trainer : TrainerKind.values()) {
      Path dir = GoldenChurnFixture.modelDir(golden, trainer);
      Files.createDirectories(dir);
      if (trainer == TrainerKind.RF) {
        compactForest(examples.examples(), dir, quiet);
      } else {
        LapseTrainer.Result r =
            LapseTrainer.train(
                examples.examples(),
                new ModelRegistry(scratch.resolve(trainer.flag())),
                trainer,
                quiet);
        for (String file : List.of(ChurnModel.MODEL_FILE, ChurnModel.METADATA_FILE)) {
          Files.copy(r.dir().resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      ChurnModel m = ChurnModel.load(dir);
      List<GoldenChurnFixture.Scores> scores = new ArrayList<>();
      for (GoldenChurnFixture.Probe p : probes) {
        scores.add(GoldenChurnFixture.Scores.of(m, p.values()));
      }
      GoldenChurnFixture.writeScores(dir, scores);
      System.out.printf(
          "%s: %s (%,d bytes)%n",
          trainer.flag(), m.version(), Files.size(dir.resolve(ChurnModel.MODEL_FILE)));
    }
  }

  /**
   * A random forest saved the way {@link LapseTrainer} saves one (same split, unscaled features,
   * calibration on the latest training slice, threshold rule, metadata), but with {@link
   * #GOLDEN_FOREST}: the documented 200 trees of depth 6 save as 7 MB of model and 250 KB of
   * provenance, too much to keep in the repository, and the loading and scoring under test do not
   * depend on the number of trees.
   */
  private static void compactForest(List<TrainingExample> examples, Path dir, PrintStream quiet)
      throws Exception {
    int split = (int) Math.round(examples.size() * (1 - LapseTrainer.TEST_SHARE));
    List<TrainingExample> trainAll = examples.subList(0, split);
    int calibrateFrom = (int) Math.round(trainAll.size() * (1 - LapseTrainer.CALIBRATION_SHARE));
    List<TrainingExample> train = trainAll.subList(0, calibrateFrom);
    List<TrainingExample> calibration = trainAll.subList(calibrateFrom, trainAll.size());
    int width = FeatureSchema.size();
    double[] ones = new double[width];
    Arrays.fill(ones, 1.0);
    Standardizer identity = new Standardizer(new double[width], ones);
    double[] baseline =
        Standardizer.fit(
                train.stream().map(TrainingExample::features).toArray(double[][]::new), width)
            .mean();
    String[] names = FeatureSchema.keys().toArray(new String[0]);
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> data =
        new MutableDataset<>(
            new SimpleDataSourceProvenance("golden point-in-time examples", labels), labels);
    for (TrainingExample x : train) {
      data.add(
          new ArrayExample<>(
              new Label(x.lapsed() ? ChurnModel.LAPSED : ChurnModel.RENEWED), names, x.features()));
    }
    Model<Label> model = ModelTrainer.train(GOLDEN_FOREST, data, quiet);
    Map<String, Object> hyper = new LinkedHashMap<>(GOLDEN_FOREST.asMap());
    hyper.put("testShare", LapseTrainer.TEST_SHARE);
    ChurnModel uncalibrated =
        new ChurnModel(model, forestMetadata(hyper, model, identity, baseline, 0.5, null, split));
    double[] raw = new double[calibration.size()];
    boolean[] lapsed = new boolean[calibration.size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = uncalibrated.rawScore(calibration.get(i).features());
      lapsed[i] = calibration.get(i).lapsed();
    }
    Calibrator calibrator = Calibration.fit(raw, lapsed);
    double threshold =
        Evaluation.topShareThreshold(calibrator.calibrateAll(raw), LapseTrainer.ALERT_SHARE);
    model.serializeToFile(dir.resolve(ChurnModel.MODEL_FILE));
    forestMetadata(hyper, model, identity, baseline, threshold, calibrator, split)
        .write(dir.resolve(ChurnModel.METADATA_FILE));
  }

  private static ModelMetadata forestMetadata(
      Map<String, Object> hyper,
      Model<Label> model,
      Standardizer s,
      double[] baseline,
      double threshold,
      Calibrator calibrator,
      int trainingRows) {
    return new ModelMetadata(
        "golden-rf",
        Instant.now().toString(),
        FeatureSchema.VERSION,
        FeatureSchema.hash(),
        FeatureSchema.keys(),
        TrainerKind.RF.description(),
        hyper,
        "golden",
        trainingRows,
        0,
        Map.of(),
        threshold,
        "top share of the calibration slice, as LapseTrainer",
        s.mean(),
        s.std(),
        model.getProvenance().toString(),
        baseline,
        calibrator,
        null);
  }

  private static void writeProbeEvents(Path golden, Map<String, List<PolicyEvent>> byHolder)
      throws Exception {
    Set<String> probes = new LinkedHashSet<>(byHolder.keySet().stream().limit(PROBES).toList());
    byHolder.entrySet().stream()
        .filter(h -> h.getValue().stream().anyMatch(e -> e.type == EventType.POLICY_LAPSED))
        .limit(PROBES)
        .forEach(h -> probes.add(h.getKey()));
    try (NdjsonEvents.Writer out =
        new NdjsonEvents.Writer(golden.resolve(GoldenChurnFixture.EVENTS))) {
      for (String holder : probes) {
        byHolder.get(holder).forEach(out);
      }
    }
  }
}
