package io.lapsewatch.modeltraining.trainers;

import io.lapsewatch.modeltraining.tabular.EncoderOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer.BoosterType;
import org.tribuo.common.xgboost.XGBoostTrainer.LoggingVerbosity;
import org.tribuo.common.xgboost.XGBoostTrainer.TreeMethod;

/**
 * Gradient-boosted trees through Tribuo's {@link XGBoostClassificationTrainer} (histogram tree
 * method, one native thread, silent native logging).
 *
 * <p>Defaults: 300 rounds, eta 0.05, max depth 2, min child weight 10, row subsample 0.8, column
 * subsample 0.8, L2 (lambda) 1, min split gain (gamma) 0, seed 42.
 *
 * @param rounds boosting rounds (trees)
 * @param eta shrinkage per round
 * @param maxDepth maximum tree depth
 * @param minChildWeight minimum hessian sum in a leaf (about rows x p(1-p))
 * @param subsample share of rows sampled per tree
 * @param colsample share of features sampled per tree
 * @param lambda L2 penalty on leaf weights
 * @param gamma minimum loss reduction to split
 * @param seed sampling seed
 */
public record GradientBoostingParams(
    int rounds,
    double eta,
    int maxDepth,
    double minChildWeight,
    double subsample,
    double colsample,
    double lambda,
    double gamma,
    long seed)
    implements Hyperparameters {

  /**
   * One native thread: on a busy two-core machine XGBoost's OpenMP threads spin-wait for each
   * other, and two threads measured six times slower than one.
   */
  static final int NATIVE_THREADS = 1;

  public static final GradientBoostingParams DEFAULT =
      new GradientBoostingParams(300, 0.05, 2, 10, 0.8, 0.8, 1.0, 0.0, 42L);

  public GradientBoostingParams {
    if (rounds < 1 || eta <= 0 || maxDepth < 1 || subsample <= 0 || subsample > 1) {
      throw new IllegalArgumentException(
          "gradient boosting needs rounds >= 1, eta > 0, maxDepth >= 1, 0 < subsample <= 1");
    }
    if (colsample <= 0 || colsample > 1 || lambda < 0 || gamma < 0 || minChildWeight < 0) {
      throw new IllegalArgumentException(
          "gradient boosting needs 0 < colsample <= 1 and non-negative lambda, gamma, minChildWeight");
    }
  }

  @Override
  public TrainerKind kind() {
    return TrainerKind.GBT;
  }

  @Override
  public EncoderOptions encoderOptions() {
    return EncoderOptions.TREES;
  }

  @Override
  public Trainer<Label> newTrainer(int trainingRows) {
    return new XGBoostClassificationTrainer(
        BoosterType.GBTREE,
        TreeMethod.HIST,
        rounds,
        eta,
        gamma,
        maxDepth,
        minChildWeight,
        subsample,
        colsample,
        lambda,
        0.0,
        NATIVE_THREADS,
        LoggingVerbosity.SILENT,
        seed);
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rounds", rounds);
    m.put("eta", eta);
    m.put("maxDepth", maxDepth);
    m.put("minChildWeight", minChildWeight);
    m.put("subsample", subsample);
    m.put("colsample", colsample);
    m.put("lambda", lambda);
    m.put("gamma", gamma);
    m.put("treeMethod", "hist");
    m.put("seed", seed);
    return m;
  }

  /**
   * Depth {1, 2, 3, 4} x rounds {150, 300, 600}; other settings as in this configuration. Churn
   * tables tend to be nearly additive, so shallow trees and the amount of boosting matter most.
   */
  @Override
  public List<Hyperparameters> grid() {
    List<Hyperparameters> out = new ArrayList<>();
    for (int depth : new int[] {1, 2, 3, 4}) {
      for (int n : new int[] {150, 300, 600}) {
        out.add(
            new GradientBoostingParams(
                n, eta, depth, minChildWeight, subsample, colsample, lambda, gamma, seed));
      }
    }
    return out;
  }

  /**
   * Stage 1: row subsample {0.6, 0.8, 1.0} x column subsample {0.5, 0.8, 1.0}; stage 2: min child
   * weight {1, 10, 30} x L2 lambda {1, 10}. Eta stays at 0.05: the rounds searched in {@link
   * #grid()} trade off against it.
   */
  @Override
  public List<Hyperparameters> refine(int stage) {
    List<Hyperparameters> out = new ArrayList<>();
    if (stage == 1) {
      for (double rows : new double[] {0.6, 0.8, 1.0}) {
        for (double cols : new double[] {0.5, 0.8, 1.0}) {
          out.add(
              new GradientBoostingParams(
                  rounds, eta, maxDepth, minChildWeight, rows, cols, lambda, gamma, seed));
        }
      }
    } else if (stage == 2) {
      for (double mcw : new double[] {1, 10, 30}) {
        for (double l2 : new double[] {1, 10}) {
          out.add(
              new GradientBoostingParams(
                  rounds, eta, maxDepth, mcw, subsample, colsample, l2, gamma, seed));
        }
      }
    }
    return out;
  }

  @Override
  public Hyperparameters withSeed(long newSeed) {
    return new GradientBoostingParams(
        rounds, eta, maxDepth, minChildWeight, subsample, colsample, lambda, gamma, newSeed);
  }
}
