package io.lapsewatch.modeltraining.uplift;

import io.lapsewatch.modeltraining.model.Standardizer;
import io.lapsewatch.modeltraining.trainers.Hyperparameters;
import io.lapsewatch.modeltraining.trainers.ModelTrainer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A project-configured Tribuo classifier ({@link Hyperparameters}) trained on standardised rows
 * with per-row weights, scoring the probability of the target class.
 */
final class WeightedClassifier {
  static final String TARGET = "TARGET";
  static final String OTHER = "OTHER";
  private static final Label TARGET_LABEL = new Label(TARGET);
  private static final Label OTHER_LABEL = new Label(OTHER);
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  private final Model<Label> model;
  // Standardised inputs let the logistic regression's L2 penalty treat features alike; trees are
  // unaffected by a monotone rescaling.
  private final Standardizer standardizer;
  private final String[] names;

  private WeightedClassifier(Model<Label> model, Standardizer standardizer, String[] names) {
    this.model = model;
    this.standardizer = standardizer;
    this.names = names;
  }

  /**
   * Trains {@code params} on rows {@code x} with class {@code target} and example weights.
   *
   * @param weights per-row weights, or null for all 1
   */
  static WeightedClassifier train(
      Hyperparameters params,
      double[][] x,
      boolean[] target,
      double[] weights,
      List<String> featureNames,
      String description) {
    boolean hasTarget = false;
    boolean hasOther = false;
    for (boolean b : target) {
      hasTarget |= b;
      hasOther |= !b;
    }
    if (!hasTarget || !hasOther) {
      throw new IllegalArgumentException(
          description
              + ": the outcome is the same for all "
              + x.length
              + " rows; a classifier needs both outcomes");
    }
    Standardizer std = Standardizer.fit(x, featureNames.size());
    String[] n = featureNames.toArray(new String[0]);
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> data =
        new MutableDataset<>(new SimpleDataSourceProvenance(description, factory), factory);
    for (int i = 0; i < x.length; i++) {
      ArrayExample<Label> e =
          new ArrayExample<>(target[i] ? TARGET_LABEL : OTHER_LABEL, n, std.apply(x[i]));
      if (weights != null) {
        e.setWeight((float) weights[i]);
      }
      data.add(e);
    }
    return new WeightedClassifier(ModelTrainer.train(params, data, QUIET), std, n);
  }

  /** A classifier restored from its saved parts (see {@link UpliftModelStore}). */
  static WeightedClassifier restore(Model<Label> model, Standardizer standardizer, String[] names) {
    return new WeightedClassifier(model, standardizer, names.clone());
  }

  Model<Label> tribuoModel() {
    return model;
  }

  Standardizer standardizer() {
    return standardizer;
  }

  /** Probability of the target class for each row, predicted in one batch. */
  double[] probabilities(double[][] rows) {
    List<Example<Label>> examples = new ArrayList<>(rows.length);
    for (double[] r : rows) {
      examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, standardizer.apply(r)));
    }
    List<Prediction<Label>> predictions = model.predict(examples);
    double[] out = new double[rows.length];
    for (int i = 0; i < out.length; i++) {
      Label p = predictions.get(i).getOutputScores().get(TARGET);
      out[i] = p == null ? 0.0 : p.getScore();
    }
    return out;
  }
}
