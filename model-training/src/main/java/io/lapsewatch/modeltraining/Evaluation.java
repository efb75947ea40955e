package io.lapsewatch.modeltraining;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ranking and probability metrics computed from scores and labels (Tribuo lacks most). */
public final class Evaluation {
  private Evaluation() {}

  /** Area under the ROC curve (Mann-Whitney, ties counted half). */
  public static double aucRoc(double[] scores, boolean[] positive) {
    Integer[] order = order(scores);
    long pos = 0;
    long neg = 0;
    for (boolean b : positive) {
      if (b) {
        pos++;
      } else {
        neg++;
      }
    }
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    double rankSum = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double avgRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSum += avgRank;
        }
      }
      i = j + 1;
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** Average precision (area under the precision-recall curve, step-wise). */
  public static double prAuc(double[] scores, boolean[] positive) {
    Integer[] order = order(scores);
    int total = 0;
    for (boolean b : positive) {
      total += b ? 1 : 0;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double ap = 0;
    int tp = 0;
    for (int k = order.length - 1, seen = 1; k >= 0; k--, seen++) {
      if (positive[order[k]]) {
        tp++;
        ap += tp / (double) seen;
      }
    }
    return ap / total;
  }

  public static double brier(double[] scores, boolean[] positive) {
    double s = 0;
    for (int i = 0; i < scores.length; i++) {
      double y = positive[i] ? 1 : 0;
      s += (scores[i] - y) * (scores[i] - y);
    }
    return s / scores.length;
  }

  public static double logLoss(double[] scores, boolean[] positive) {
    double s = 0;
    for (int i = 0; i < scores.length; i++) {
      double p = Math.min(1 - 1e-15, Math.max(1e-15, scores[i]));
      s -= positive[i] ? Math.log(p) : Math.log(1 - p);
    }
    return s / scores.length;
  }

  /** Lapse rate among the top {@code fraction} of scores over the overall lapse rate. */
  public static double liftAt(double[] scores, boolean[] positive, double fraction) {
    Integer[] order = order(scores);
    int k = Math.max(1, (int) Math.round(order.length * fraction));
    int hits = 0;
    int total = 0;
    for (int i = 0; i < order.length; i++) {
      total += positive[i] ? 1 : 0;
    }
    for (int i = order.length - 1; i >= order.length - k; i--) {
      hits += positive[order[i]] ? 1 : 0;
    }
    double base = total / (double) order.length;
    return base == 0 ? Double.NaN : (hits / (double) k) / base;
  }

  /** The threshold maximising F1 over the given scores. */
  public static double bestF1Threshold(double[] scores, boolean[] positive) {
    Integer[] order = order(scores);
    int total = 0;
    for (boolean b : positive) {
      total += b ? 1 : 0;
    }
    double best = -1;
    double threshold = 0.5;
    int tp = 0;
    for (int k = order.length - 1, predicted = 1; k >= 0; k--, predicted++) {
      if (positive[order[k]]) {
        tp++;
      }
      if (k > 0 && scores[order[k - 1]] == scores[order[k]]) {
        continue;
      }
      double f1 = 2.0 * tp / (predicted + total);
      if (f1 > best) {
        best = f1;
        threshold = scores[order[k]];
      }
    }
    return threshold;
  }

  /** The score at or above which the top {@code share} of rows lie. */
  public static double topShareThreshold(double[] scores, double share) {
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    int k = Math.max(1, (int) Math.round(sorted.length * share));
    return sorted[sorted.length - k];
  }

  /** The standard metric set, keyed as in {@code metrics.json}. */
  public static Map<String, Double> summary(double[] scores, boolean[] positive) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("auc_roc", aucRoc(scores, positive));
    m.put("pr_auc", prAuc(scores, positive));
    m.put("brier", brier(scores, positive));
    m.put("log_loss", logLoss(scores, positive));
    m.put("lift_at_10pct", liftAt(scores, positive, 0.10));
    double rate = 0;
    for (boolean b : positive) {
      rate += b ? 1 : 0;
    }
    m.put("positive_rate", rate / positive.length);
    return m;
  }

  /** A point of a curve in the unit square. */
  public record Point(double x, double y) {}

  /** Counts of a yes/no decision against the outcome. */
  public record Confusion(
      long truePositive, long falsePositive, long trueNegative, long falseNegative) {}

  /** One equal-count score bin: how many rows, mean predicted probability, observed rate. */
  public record ReliabilityBin(int bin, int rows, double meanPredicted, double observedRate) {}

  /**
   * ROC curve as (false positive rate, true positive rate), one point per distinct score from the
   * highest down, starting at (0, 0) and ending at (1, 1).
   */
  public static List<Point> rocCurve(double[] scores, boolean[] positive) {
    long pos = count(positive);
    long neg = positive.length - pos;
    List<Point> out = new ArrayList<>();
    out.add(new Point(0, 0));
    sweep(
        scores,
        positive,
        (tp, fp) ->
            out.add(new Point(neg == 0 ? 0 : fp / (double) neg, pos == 0 ? 0 : tp / (double) pos)));
    return out;
  }

  /**
   * Precision-recall curve as (recall, precision), one point per distinct score from the highest
   * down; starts at recall 0 with the precision of the first point.
   */
  public static List<Point> precisionRecallCurve(double[] scores, boolean[] positive) {
    long pos = count(positive);
    List<Point> out = new ArrayList<>();
    sweep(
        scores,
        positive,
        (tp, fp) -> out.add(new Point(pos == 0 ? 0 : tp / (double) pos, tp / (double) (tp + fp))));
    if (!out.isEmpty()) {
      out.add(0, new Point(0, out.get(0).y()));
    }
    return out;
  }

  /**
   * Cumulative gains: (share of rows contacted, share of all positives among them) when contacting
   * in score order, one point per distinct score, from (0, 0) to (1, 1).
   */
  public static List<Point> cumulativeGains(double[] scores, boolean[] positive) {
    long pos = count(positive);
    int n = scores.length;
    List<Point> out = new ArrayList<>();
    out.add(new Point(0, 0));
    sweep(
        scores,
        positive,
        (tp, fp) -> out.add(new Point((tp + fp) / (double) n, pos == 0 ? 0 : tp / (double) pos)));
    return out;
  }

  /** Share of all positives found among the top {@code fraction} of scores (capture rate). */
  public static double captureAt(double[] scores, boolean[] positive, double fraction) {
    Integer[] order = order(scores);
    int k = Math.max(1, (int) Math.round(order.length * fraction));
    long total = count(positive);
    int hits = 0;
    for (int i = order.length - 1; i >= order.length - k; i--) {
      hits += positive[order[i]] ? 1 : 0;
    }
    return total == 0 ? Double.NaN : hits / (double) total;
  }

  /** The confusion matrix when rows scoring at or above {@code threshold} are flagged. */
  public static Confusion confusionAt(double[] scores, boolean[] positive, double threshold) {
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean flagged = scores[i] >= threshold;
      if (flagged && positive[i]) {
        tp++;
      } else if (flagged) {
        fp++;
      } else if (positive[i]) {
        fn++;
      } else {
        tn++;
      }
    }
    return new Confusion(tp, fp, tn, fn);
  }

  /**
   * Reliability table: rows sorted by score and cut into {@code bins} bins of (nearly) equal size;
   * for each, the mean predicted probability and the observed positive rate.
   */
  public static List<ReliabilityBin> reliability(double[] scores, boolean[] positive, int bins) {
    Integer[] order = order(scores);
    int n = order.length;
    List<ReliabilityBin> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      int from = (int) ((long) n * b / bins);
      int to = (int) ((long) n * (b + 1) / bins);
      if (to <= from) {
        continue;
      }
      double sum = 0;
      int hits = 0;
      for (int i = from; i < to; i++) {
        sum += scores[order[i]];
        hits += positive[order[i]] ? 1 : 0;
      }
      out.add(new ReliabilityBin(b + 1, to - from, sum / (to - from), hits / (double) (to - from)));
    }
    return out;
  }

  /** Callback of {@link #sweep}: cumulative true and false positives at a threshold. */
  private interface Counts {
    void at(long tp, long fp);
  }

  /** Walks thresholds from the highest score down, reporting once per distinct score. */
  private static void sweep(double[] scores, boolean[] positive, Counts counts) {
    Integer[] order = order(scores);
    long tp = 0;
    long fp = 0;
    for (int k = order.length - 1; k >= 0; k--) {
      if (positive[order[k]]) {
        tp++;
      } else {
        fp++;
      }
      if (k > 0 && scores[order[k - 1]] == scores[order[k]]) {
        continue;
      }
      counts.at(tp, fp);
    }
  }

  private static long count(boolean[] positive) {
    long c = 0;
    for (boolean b : positive) {
      c += b ? 1 : 0;
    }
    return c;
  }

  private static Integer[] order(double[] scores) {
    Integer[] idx = new Integer[scores.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
    return idx;
  }
}
