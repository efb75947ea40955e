package io.lapsewatch.modeltraining.model;

import io.lapsewatch.featurestore.features.FeatureSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;

/**
 * A trained lapse model ready to score feature vectors: the Tribuo model plus its metadata. Loading
 * checks that the model's feature schema is the one this build serves.
 */
public final class ChurnModel {
  /** Label of a lapsed term in training data and model outputs. */
  public static final String LAPSED = "LAPSED";

  /** Label of a renewed term. */
  public static final String RENEWED = "RENEWED";

  public static final String MODEL_FILE = "model.tribuo";
  public static final String METADATA_FILE = "metadata.json";

  private final Model<Label> model;
  private final ModelMetadata metadata;
  private final Standardizer standardizer;
  private final String[] featureNames;

  /** Log-odds weights per feature (schema order) for linear models, else null. */
  private final double[] logOddsWeights;

  private final double logOddsBias;

  /** The boosted trees evaluated in pure Java, for XGBoost models; else null. */
  private final XGBoostTrees trees;

  /** One feature's push on a score: positive towards lapse, in log-odds. */
  public record Contribution(String feature, double value, double logOdds) {}

  public ChurnModel(Model<Label> model, ModelMetadata metadata) {
    this.model = model;
    this.metadata = metadata;
    this.standardizer = metadata.standardizer();
    this.featureNames = metadata.features().toArray(new String[0]);
    if (model instanceof LinearSGDModel linear) {
      // Two-class softmax is a logistic on the difference of the class weight rows, so the
      // score and exact per-feature contributions come straight from the weights.
      DenseMatrix w = linear.getWeightsCopy();
      int lapsed = linear.getOutputIDInfo().getID(new Label(LAPSED));
      int renewed = linear.getOutputIDInfo().getID(new Label(RENEWED));
      int biasColumn = w.getDimension2Size() - 1;
      logOddsWeights = new double[featureNames.length];
      for (int j = 0; j < featureNames.length; j++) {
        int id = linear.getFeatureIDMap().getID(featureNames[j]);
        logOddsWeights[j] = id < 0 ? 0 : w.get(lapsed, id) - w.get(renewed, id);
      }
      logOddsBias = w.get(lapsed, biasColumn) - w.get(renewed, biasColumn);
    } else {
      logOddsWeights = null;
      logOddsBias = 0;
    }
    XGBoostTrees t = null;
    if (model instanceof org.tribuo.common.xgboost.XGBoostModel<?>) {
      try {
        @SuppressWarnings("unchecked")
        org.tribuo.common.xgboost.XGBoostModel<Label> xgb =
            (org.tribuo.common.xgboost.XGBoostModel<Label>) model;
        t = XGBoostTrees.of(xgb, featureNames);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the trees of model " + metadata.version(), e);
      }
    }
    trees = t;
  }

  /**
   * Loads the model in {@code dir} ({@code model.tribuo} and {@code metadata.json}).
   *
   * @throws FeatureSchemaMismatchException naming both schemas when they differ
   */
  @SuppressWarnings("unchecked")
  public static ChurnModel load(Path dir) throws IOException {
    Path metaFile = dir.resolve(METADATA_FILE);
    Path modelFile = dir.resolve(MODEL_FILE);
    if (!Files.isRegularFile(metaFile) || !Files.isRegularFile(modelFile)) {
      throw new IOException(
          "no model in " + dir + ": expected " + MODEL_FILE + " and " + METADATA_FILE);
    }
    ModelMetadata meta = ModelMetadata.read(metaFile);
    checkSchema(meta);
    Model<?> m = Model.deserializeFromFile(modelFile);
    if (!m.validate(Label.class)) {
      throw new IOException(modelFile + " is not a classification model");
    }
    return new ChurnModel((Model<Label>) m, meta);
  }

  /** Loads a model from its two files' bytes (as stored in Redis). */
  @SuppressWarnings("unchecked")
  public static ChurnModel load(byte[] modelBytes, byte[] metadataJson) throws IOException {
    ModelMetadata meta = ModelMetadata.MAPPER.readValue(metadataJson, ModelMetadata.class);
    checkSchema(meta);
    Model<?> m = Model.deserializeFromStream(new java.io.ByteArrayInputStream(modelBytes));
    if (!m.validate(Label.class)) {
      throw new IOException("model " + meta.version() + " is not a classification model");
    }
    return new ChurnModel((Model<Label>) m, meta);
  }

  static void checkSchema(ModelMetadata meta) {
    if (!FeatureSchema.VERSION.equals(meta.featureSchemaVersion())
        || !FeatureSchema.hash().equals(meta.featureSchemaHash())) {
      throw new FeatureSchemaMismatchException(
          "model "
              + meta.version()
              + " was trained on feature schema "
              + meta.featureSchemaVersion()
              + " (hash "
              + meta.featureSchemaHash()
              + ") but this build serves "
              + FeatureSchema.VERSION
              + " (hash "
              + FeatureSchema.hash()
              + "); retrain the model or deploy the matching job");
    }
  }

  /**
   * Calibrated probability that the policy term lapses, given features in schema order: a score of
   * 0.3 means about 30% of such terms lapse.
   */
  public double score(double[] features) {
    double raw = rawScore(features);
    return metadata.calibration() == null ? raw : metadata.calibration().calibrate(raw);
  }

  /** The model's own score before calibration (what explanations are computed on). */
  public double rawScore(double[] features) {
    if (logOddsWeights != null) {
      double logit = logOddsBias;
      double[] mean = standardizer.mean();
      double[] std = standardizer.std();
      for (int j = 0; j < logOddsWeights.length; j++) {
        logit += logOddsWeights[j] * (features[j] - mean[j]) / std[j];
      }
      return 1.0 / (1.0 + Math.exp(-logit));
    }
    if (trees != null) {
      return trees.score(standardizer.apply(features));
    }
    return tribuoRaw(features);
  }

  /** The calibrated score through Tribuo's own predict (slower; the reference for tests). */
  public double tribuoScore(double[] features) {
    double raw = tribuoRaw(features);
    return metadata.calibration() == null ? raw : metadata.calibration().calibrate(raw);
  }

  private double tribuoRaw(double[] features) {
    double[] z = standardizer.apply(features);
    Prediction<Label> p = model.predict(new ArrayExample<>(UNKNOWN, featureNames, z));
    Label lapsed = p.getOutputScores().get(LAPSED);
    return lapsed == null ? 0.0 : lapsed.getScore();
  }

  /**
   * The {@code k} features pushing this score hardest towards lapse, largest first. Exact for
   * linear models (weight times standardised value); empty for other model kinds.
   */
  public List<Contribution> explain(double[] features, int k) {
    List<Contribution> out = new ArrayList<>();
    if (logOddsWeights == null) {
      return explainByReplacement(features, k);
    }
    double[] z = standardizer.apply(features);
    for (int j = 0; j < z.length; j++) {
      double c = logOddsWeights[j] * z[j];
      if (c > 0) {
        out.add(new Contribution(featureNames[j], features[j], c));
      }
    }
    out.sort(Comparator.comparingDouble(Contribution::logOdds).reversed());
    return out.size() > k ? new ArrayList<>(out.subList(0, k)) : out;
  }

  /**
   * Explanation for models without weights (trees): a feature's contribution is how much the
   * log-odds fall when that one feature is replaced by its training-set mean. Not additive like the
   * linear case, but it names what drives this score, in the same unit.
   */
  private List<Contribution> explainByReplacement(double[] features, int k) {
    List<Contribution> out = new ArrayList<>();
    double[] baseline = metadata.baseline();
    if (baseline == null) {
      return out;
    }
    double logit = logit(rawScore(features));
    double[] probe = features.clone();
    for (int j = 0; j < features.length; j++) {
      if (probe[j] == baseline[j]) {
        continue;
      }
      probe[j] = baseline[j];
      double c = logit - logit(rawScore(probe));
      probe[j] = features[j];
      if (c > 0) {
        out.add(new Contribution(featureNames[j], features[j], c));
      }
    }
    out.sort(Comparator.comparingDouble(Contribution::logOdds).reversed());
    return out.size() > k ? new ArrayList<>(out.subList(0, k)) : out;
  }

  private static double logit(double p) {
    double q = Math.min(1 - 1e-12, Math.max(1e-12, p));
    return Math.log(q / (1 - q));
  }

  /** True when scoring walks pure-Java trees (XGBoost models). */
  public boolean scoresTreesInJava() {
    return trees != null;
  }

  private static final Label UNKNOWN = new LabelFactory().getUnknownOutput();

  public ModelMetadata metadata() {
    return metadata;
  }

  public String version() {
    return metadata.version();
  }

  public double threshold() {
    return metadata.threshold();
  }

  public List<String> features() {
    return metadata.features();
  }

  /** The underlying Tribuo model (for provenance and explanations). */
  public Model<Label> tribuoModel() {
    return model;
  }
}
