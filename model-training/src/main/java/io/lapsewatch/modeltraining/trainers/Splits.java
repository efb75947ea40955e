package io.lapsewatch.modeltraining.trainers;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Stratified, seeded row splits: folds for cross-validation and a held-out calibration slice. */
public final class Splits {
  private Splits() {}

  /** Row indices of a two-way split. */
  public record TwoWay(int[] kept, int[] heldOut) {}

  /**
   * Assigns each row a fold in {@code [0, k)} so every fold has (within one row) the same number of
   * positives and of negatives.
   */
  public static int[] stratifiedFolds(boolean[] positive, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
    }
    int[] fold = new int[positive.length];
    SplittableRandom rng = new SplittableRandom(seed);
    for (boolean cls : new boolean[] {true, false}) {
      List<Integer> rows = shuffledRowsOf(positive, cls, rng);
      for (int i = 0; i < rows.size(); i++) {
        fold[rows.get(i)] = i % k;
      }
    }
    return fold;
  }

  /** Holds out about {@code share} of the rows of each class. */
  public static TwoWay stratifiedHoldout(boolean[] positive, double share, long seed) {
    if (!(share > 0 && share < 1)) {
      throw new IllegalArgumentException("held-out share must be in (0, 1), got " + share);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    boolean[] held = new boolean[positive.length];
    for (boolean cls : new boolean[] {true, false}) {
      List<Integer> rows = shuffledRowsOf(positive, cls, rng);
      int n = (int) Math.round(rows.size() * share);
      for (int i = 0; i < n; i++) {
        held[rows.get(i)] = true;
      }
    }
    return new TwoWay(indices(held, false), indices(held, true));
  }

  /** Indices of rows whose fold is (or, with {@code in=false}, is not) {@code f}. */
  public static int[] rowsOfFold(int[] folds, int f, boolean in) {
    int n = 0;
    for (int x : folds) {
      n += (x == f) == in ? 1 : 0;
    }
    int[] out = new int[n];
    int j = 0;
    for (int i = 0; i < folds.length; i++) {
      if ((folds[i] == f) == in) {
        out[j++] = i;
      }
    }
    return out;
  }

  private static List<Integer> shuffledRowsOf(
      boolean[] positive, boolean cls, SplittableRandom rng) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < positive.length; i++) {
      if (positive[i] == cls) {
        rows.add(i);
      }
    }
    for (int i = rows.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      Integer t = rows.get(i);
      rows.set(i, rows.get(j));
      rows.set(j, t);
    }
    return rows;
  }

  private static int[] indices(boolean[] flag, boolean want) {
    int n = 0;
    for (boolean f : flag) {
      n += f == want ? 1 : 0;
    }
    int[] out = new int[n];
    int j = 0;
    for (int i = 0; i < flag.length; i++) {
      if (flag[i] == want) {
        out[j++] = i;
      }
    }
    return out;
  }
}
