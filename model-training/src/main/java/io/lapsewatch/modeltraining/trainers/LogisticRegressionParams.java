package io.lapsewatch.modeltraining.trainers;

import io.lapsewatch.modeltraining.tabular.EncoderOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.ParameterAveraging;

/**
 * Logistic regression on standardised features: Tribuo {@link LinearSGDTrainer} with {@link
 * LogMulticlass} (two-class softmax is the logistic model), AdaGrad steps on the L2-penalised
 * gradient ({@link L2Penalty}) and parameter averaging, which lands SGD close to the exact
 * regularised optimum.
 *
 * <p>Defaults: 30 epochs, AdaGrad learning rate 0.1, L2 {@code lambda} 10 (penalty {@code lambda/2
 * * |w|^2} on the summed log-loss of each class row; for two classes about scikit-learn's {@code C
 * = 2/lambda}), numeric columns also one-hot into 10 train quantile bins so the log-odds can bend,
 * minibatch 1, seed 42.
 *
 * @param epochs passes over the training rows
 * @param learningRate AdaGrad initial learning rate
 * @param l2 L2 penalty {@code lambda} (0 = none)
 * @param numericBins quantile bins per numeric column (0 = none)
 * @param seed shuffling seed
 */
public record LogisticRegressionParams(
    int epochs, double learningRate, double l2, int numericBins, long seed)
    implements Hyperparameters {

  public static final LogisticRegressionParams DEFAULT =
      new LogisticRegressionParams(30, 0.1, 10.0, 5, 42L);

  public LogisticRegressionParams {
    if (epochs < 1 || learningRate <= 0 || l2 < 0) {
      throw new IllegalArgumentException(
          "logistic regression needs epochs >= 1, learningRate > 0, l2 >= 0; got "
              + epochs
              + ", "
              + learningRate
              + ", "
              + l2);
    }
  }

  @Override
  public TrainerKind kind() {
    return TrainerKind.LR;
  }

  @Override
  public EncoderOptions encoderOptions() {
    return EncoderOptions.linear(numericBins);
  }

  @Override
  public Trainer<Label> newTrainer(int trainingRows) {
    int rows = Math.max(1, trainingRows);
    // Minibatch 1: an iteration is one row, so logging every `rows` iterations is once an epoch.
    return new LinearSGDTrainer(
        new LogMulticlass(),
        new ParameterAveraging(new L2Penalty(new AdaGrad(learningRate, 0.1), l2 / rows)),
        epochs,
        rows,
        1,
        seed);
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", epochs);
    m.put("learningRate", learningRate);
    m.put("l2", l2);
    m.put("numericBins", numericBins);
    m.put("optimiser", "averaged AdaGrad");
    m.put("seed", seed);
    return m;
  }

  /** Quantile bins {0, 5, 10} x L2 {10, 100, 1000}; other settings as in this configuration. */
  @Override
  public List<Hyperparameters> grid() {
    List<Hyperparameters> out = new ArrayList<>();
    for (int bins : new int[] {0, 5, 10}) {
      for (double penalty : new double[] {10.0, 100.0, 1000.0}) {
        out.add(new LogisticRegressionParams(epochs, learningRate, penalty, bins, seed));
      }
    }
    return out;
  }

  @Override
  public Hyperparameters withSeed(long newSeed) {
    return new LogisticRegressionParams(epochs, learningRate, l2, numericBins, newSeed);
  }
}
