package io.lapsewatch.modeltraining.uplift;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Uplift metrics of a ranking against randomized outcomes: Qini and uplift curves, Qini
 * coefficient, AUUC, uplift at a targeted share, incremental saves and premium per 1,000 contacts,
 * and correlation with a known individual effect. Formulas are in {@code docs/uplift.md}.
 *
 * <p>Rows with tied scores are treated as one block (linear interpolation inside it), so results do
 * not depend on input order. Both arms must be present overall; an arm empty within a cut is
 * handled as documented per method.
 */
public final class UpliftMetrics {
  /** Targeted shares reported by {@link #evaluate}. */
  public static final double[] REPORTED_SHARES = {0.1, 0.2, 0.3};

  private UpliftMetrics() {}

  /** One point of a curve: share of rows targeted, value there. */
  public record CurvePoint(double share, double value) {}

  /** Everything {@link #evaluate} reports for one ranking. */
  public record Evaluation(
      int rows,
      int treatedRows,
      int controlRows,
      double observedUplift,
      List<CurvePoint> qiniCurve,
      double qiniArea,
      double qiniCoefficient,
      double auuc,
      Map<Double, Double> upliftAt,
      Map<Double, Double> incrementalSavesPer1000Contacts,
      Map<Double, Double> incrementalPremiumPer1000Contacts,
      double trueEffectCorrelation) {
    public Evaluation {
      qiniCurve = List.copyOf(qiniCurve);
      upliftAt = ordered(upliftAt);
      incrementalSavesPer1000Contacts = ordered(incrementalSavesPer1000Contacts);
      incrementalPremiumPer1000Contacts = ordered(incrementalPremiumPer1000Contacts);
    }

    private static Map<Double, Double> ordered(Map<Double, Double> m) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
  }

  /**
   * All metrics at the {@link #REPORTED_SHARES}.
   *
   * @param premium annual premium per row, or null (premium figures are then 0)
   * @param trueEffect the true individual uplift per row (simulated data only), or null (the
   *     correlation is then NaN)
   */
  public static Evaluation evaluate(
      double[] scores,
      boolean[] treated,
      boolean[] renewed,
      double[] premium,
      double[] trueEffect) {
    UpliftRanking r = UpliftRanking.of(scores, treated, renewed, premium);
    UpliftRanking.Counts all = r.atShare(1);
    Map<Double, Double> at = new LinkedHashMap<>();
    Map<Double, Double> saves = new LinkedHashMap<>();
    Map<Double, Double> prem = new LinkedHashMap<>();
    for (double s : REPORTED_SHARES) {
      UpliftRanking.Counts c = r.atShare(s);
      at.put(s, uplift(c));
      saves.put(s, 1000 * uplift(c));
      prem.put(s, 1000 * premiumUplift(c));
    }
    double area = qiniArea(r);
    double perfect = qiniArea(perfectRanking(treated, renewed));
    return new Evaluation(
        r.size(),
        (int) all.treated(),
        (int) all.control(),
        uplift(all),
        qiniCurve(r),
        area,
        perfect > 0 ? area / perfect : Double.NaN,
        auuc(r),
        at,
        saves,
        prem,
        trueEffect == null ? Double.NaN : pearson(scores, trueEffect));
  }

  /**
   * Qini curve: at each block end, share targeted and incremental renewals {@code R_t - R_c N_t /
   * N_c} among the targeted rows ({@code R_t} when no holdout row is targeted yet). Starts at (0,
   * 0).
   */
  public static List<CurvePoint> qiniCurve(double[] scores, boolean[] treated, boolean[] renewed) {
    return qiniCurve(UpliftRanking.of(scores, treated, renewed, null));
  }

  /**
   * Uplift curve: at each block end, {@code (R_t / N_t - R_c / N_c) * n} (an empty arm's rate
   * counts as 0).
   */
  public static List<CurvePoint> upliftCurve(
      double[] scores, boolean[] treated, boolean[] renewed) {
    UpliftRanking r = UpliftRanking.of(scores, treated, renewed, null);
    List<CurvePoint> out = new ArrayList<>();
    for (UpliftRanking.Counts c : r.boundaries()) {
      out.add(new CurvePoint(c.n() / r.size(), upliftCurveValue(c)));
    }
    return out;
  }

  /**
   * Area between the Qini curve and the random-targeting line from (0, 0) to (1, {@code Q(N)}),
   * divided by the row count: incremental renewals per row, averaged over targeted shares.
   */
  public static double qiniArea(double[] scores, boolean[] treated, boolean[] renewed) {
    return qiniArea(UpliftRanking.of(scores, treated, renewed, null));
  }

  /**
   * {@link #qiniArea} divided by the Qini area of the perfect ranking of the observed outcomes
   * (treated renewals first, holdout renewals last): 1 for that ranking, about 0 for random scores,
   * negative for a reversed ranking; NaN when the perfect area is not positive.
   */
  public static double qiniCoefficient(double[] scores, boolean[] treated, boolean[] renewed) {
    double perfect = qiniArea(perfectRanking(treated, renewed));
    return perfect > 0 ? qiniArea(scores, treated, renewed) / perfect : Double.NaN;
  }

  /** Area under the uplift curve divided by the row count (not net of random targeting). */
  public static double auuc(double[] scores, boolean[] treated, boolean[] renewed) {
    return auuc(UpliftRanking.of(scores, treated, renewed, null));
  }

  /**
   * Treated minus holdout renewal rate among the top {@code share} of rows; NaN when either arm has
   * no row there.
   */
  public static double upliftAt(
      double[] scores, boolean[] treated, boolean[] renewed, double share) {
    return uplift(UpliftRanking.of(scores, treated, renewed, null).atShare(share));
  }

  /**
   * Extra renewals per 1,000 contacts when the top {@code share} is contacted: 1,000 times {@link
   * #upliftAt}.
   */
  public static double incrementalSavesPer1000(
      double[] scores, boolean[] treated, boolean[] renewed, double share) {
    return 1000 * upliftAt(scores, treated, renewed, share);
  }

  /**
   * Extra renewed annual premium per 1,000 contacts when the top {@code share} is contacted: 1,000
   * times (renewed premium per treated row minus renewed premium per holdout row) there; NaN when
   * an arm has no row there.
   */
  public static double incrementalPremiumPer1000(
      double[] scores, boolean[] treated, boolean[] renewed, double[] premium, double share) {
    if (premium == null) {
      throw new IllegalArgumentException("incremental premium needs a premium per row");
    }
    return 1000 * premiumUplift(UpliftRanking.of(scores, treated, renewed, premium).atShare(share));
  }

  /** Pearson correlation; NaN when either side is constant. */
  public static double pearson(double[] a, double[] b) {
    if (a.length != b.length || a.length < 2) {
      throw new IllegalArgumentException(
          "correlation needs two equally long series of 2+ values; got "
              + a.length
              + " and "
              + b.length);
    }
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i] / a.length;
      mb += b[i] / b.length;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
  }

  /** Scores of the perfect ranking of observed outcomes: +1 treated renewed, -1 holdout renewed. */
  static double[] perfectScores(boolean[] treated, boolean[] renewed) {
    double[] s = new double[treated.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = renewed[i] ? (treated[i] ? 1 : -1) : 0;
    }
    return s;
  }

  private static UpliftRanking perfectRanking(boolean[] treated, boolean[] renewed) {
    return UpliftRanking.of(perfectScores(treated, renewed), treated, renewed, null);
  }

  private static List<CurvePoint> qiniCurve(UpliftRanking r) {
    List<CurvePoint> out = new ArrayList<>();
    for (UpliftRanking.Counts c : r.boundaries()) {
      out.add(new CurvePoint(c.n() / r.size(), qini(c)));
    }
    return out;
  }

  private static double qiniArea(UpliftRanking r) {
    UpliftRanking.Counts[] b = r.boundaries();
    double area = trapezoid(b, r.size(), true);
    double end = qini(b[b.length - 1]);
    return (area - end / 2) / r.size();
  }

  private static double auuc(UpliftRanking r) {
    return trapezoid(r.boundaries(), r.size(), false) / r.size();
  }

  private static double trapezoid(UpliftRanking.Counts[] b, int size, boolean qini) {
    double area = 0;
    for (int k = 1; k < b.length; k++) {
      double v0 = qini ? qini(b[k - 1]) : upliftCurveValue(b[k - 1]);
      double v1 = qini ? qini(b[k]) : upliftCurveValue(b[k]);
      area += (b[k].n() - b[k - 1].n()) / size * (v0 + v1) / 2;
    }
    return area;
  }

  private static double qini(UpliftRanking.Counts c) {
    return c.treatedRenewed()
        - (c.control() > 0 ? c.controlRenewed() * c.treated() / c.control() : 0);
  }

  private static double upliftCurveValue(UpliftRanking.Counts c) {
    double t = c.treated() > 0 ? c.treatedRenewed() / c.treated() : 0;
    double h = c.control() > 0 ? c.controlRenewed() / c.control() : 0;
    return (t - h) * c.n();
  }

  private static double uplift(UpliftRanking.Counts c) {
    if (!(c.treated() > 0) || !(c.control() > 0)) {
      return Double.NaN;
    }
    return c.treatedRenewed() / c.treated() - c.controlRenewed() / c.control();
  }

  private static double premiumUplift(UpliftRanking.Counts c) {
    if (!(c.treated() > 0) || !(c.control() > 0)) {
      return Double.NaN;
    }
    return c.treatedPremiumRenewed() / c.treated() - c.controlPremiumRenewed() / c.control();
  }
}
