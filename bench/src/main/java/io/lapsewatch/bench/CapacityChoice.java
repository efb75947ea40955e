package io.lapsewatch.bench;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * Contacts the top share of candidates by a ranking's score and counts what the contacts truly
 * change: the sum of the chosen terms' true individual effects, per 1,000 contacts. Sleeping dogs
 * (effect -1) count against the ranking that chose them.
 */
final class CapacityChoice {
  private CapacityChoice() {}

  /**
   * Contacts at a capacity of {@code share} of {@code candidates}: {@code ceil(share * n)}, at
   * least 1 when there is any candidate.
   */
  static int contacts(int candidates, double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("capacity share must be in (0, 1], was " + share);
    }
    return candidates == 0 ? 0 : Math.max(1, (int) Math.ceil(share * candidates));
  }

  /**
   * The indices of the {@code contacts} highest scores, highest first; equal scores keep input
   * order, so the choice is deterministic.
   */
  static int[] top(double[] scores, int contacts) {
    if (contacts < 0 || contacts > scores.length) {
      throw new IllegalArgumentException(
          "cannot contact " + contacts + " of " + scores.length + " candidates");
    }
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException("score of candidate " + i + " is NaN");
      }
    }
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
    int[] chosen = new int[contacts];
    for (int i = 0; i < contacts; i++) {
      chosen[i] = order[i];
    }
    return chosen;
  }

  /**
   * True saves per 1,000 contacts when the top {@code share} by {@code scores} are contacted:
   * {@code 1000 * sum(trueEffect of chosen) / contacts}.
   */
  static double savesPer1000(double[] scores, double[] trueEffect, double share) {
    if (scores.length != trueEffect.length) {
      throw new IllegalArgumentException(
          scores.length + " scores but " + trueEffect.length + " true effects");
    }
    int n = contacts(scores.length, share);
    if (n == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i : top(scores, n)) {
      sum += trueEffect[i];
    }
    return 1000 * sum / n;
  }

  /** Scores for the random ranking: uniform draws from {@code seed}. */
  static double[] randomScores(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = rng.nextDouble();
    }
    return s;
  }
}
