package io.lapsewatch.modeltraining.monitoring;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The monitored terms of the last {@code windowDays} event-time days: scored terms by the day of
 * their {@code asOf}, ended terms by their {@code endDay}. Memory stays bounded because {@link
 * #advanceTo} evicts whole days that left the window; a term older than the window when it arrives
 * is not kept but counted ({@link #lateTerms}).
 */
public final class MonitoringWindow implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;
  private static final int NOT_STARTED = Integer.MIN_VALUE;

  private final int windowDays;
  private int currentDay = NOT_STARTED;
  private long lateTerms;
  // TreeMap and ArrayList: both Serializable, so the window checkpoints as one value.
  private final TreeMap<Integer, ArrayList<MonitoredTerm>> scored = new TreeMap<>();
  private final TreeMap<Integer, ArrayList<MonitoredTerm>> ended = new TreeMap<>();

  public MonitoringWindow(int windowDays) {
    if (windowDays < 1) {
      throw new IllegalArgumentException("monitoring window must be >= 1 day, got " + windowDays);
    }
    this.windowDays = windowDays;
  }

  /** The day a term counts on: its end day once ended, else the day it was scored. */
  public static int dayOf(MonitoredTerm t) {
    return t.isEnded() ? t.endDay : (int) Math.floorDiv(t.asOf, DAY_MS);
  }

  /**
   * Holds a term; returns false (and counts it late) when its day already left the window. A term
   * dated after the current day is held and counts once the window reaches its day.
   */
  public boolean add(MonitoredTerm t) {
    int day = dayOf(t);
    if (currentDay != NOT_STARTED && day <= currentDay - windowDays) {
      lateTerms++;
      return false;
    }
    (t.isEnded() ? ended : scored).computeIfAbsent(day, d -> new ArrayList<>()).add(t);
    return true;
  }

  /** Moves the window to end on {@code day} (never backwards) and evicts the days before it. */
  public void advanceTo(int day) {
    if (currentDay != NOT_STARTED && day <= currentDay) {
      return;
    }
    currentDay = day;
    int firstDay = day - windowDays + 1;
    scored.headMap(firstDay, false).clear();
    ended.headMap(firstDay, false).clear();
  }

  /** The last day in the window, or {@link Integer#MIN_VALUE} before the first advance. */
  public int currentDay() {
    return currentDay;
  }

  public int windowDays() {
    return windowDays;
  }

  /** Terms that arrived after their day had left the window. */
  public long lateTerms() {
    return lateTerms;
  }

  /** Scored (open) terms within the window. */
  public List<MonitoredTerm> scoredTerms() {
    return inWindow(scored);
  }

  /** Ended terms within the window. */
  public List<MonitoredTerm> endedTerms() {
    return inWindow(ended);
  }

  /** Terms held, including any dated after the current day. */
  public int size() {
    return scored.values().stream().mapToInt(List::size).sum()
        + ended.values().stream().mapToInt(List::size).sum();
  }

  /**
   * The model's health over the window against {@code profile}: drift and expected performance from
   * the scored terms, realized performance and calibration from the ended ones nobody contacted
   * (with the lapse rate expected of them); NaN where fewer than {@code minTerms} terms.
   *
   * @throws IllegalArgumentException when a term's feature count differs from the profile's
   */
  public ModelHealth health(ReferenceProfile profile, int minTerms) {
    List<MonitoredTerm> live = scoredTerms();
    List<MonitoredTerm> done = endedTerms();
    int features = profile.features().size();
    double[] scores = new double[live.size()];
    double[][] columns = new double[features][live.size()];
    for (int i = 0; i < live.size(); i++) {
      MonitoredTerm t = live.get(i);
      if (t.features == null || t.features.length != features) {
        throw new IllegalArgumentException(
            "monitored term of model "
                + t.modelVersion
                + " has "
                + (t.features == null ? 0 : t.features.length)
                + " features, the reference profile has "
                + features);
      }
      scores[i] = t.score;
      for (int f = 0; f < features; f++) {
        columns[f][i] = t.features[f];
      }
    }
    boolean enoughLive = live.size() >= Math.max(1, minTerms);
    Map<String, Double> featurePsi = new LinkedHashMap<>();
    for (int f = 0; f < features; f++) {
      FeatureBins bins = profile.features().get(f);
      featurePsi.put(bins.name(), enoughLive ? Psi.of(bins, columns[f]) : Double.NaN);
    }
    double[] scoreProportions = new double[profile.score().size()];
    Arrays.fill(scoreProportions, Double.NaN);
    if (enoughLive) {
      long[] counts = profile.score().counts(scores);
      for (int b = 0; b < counts.length; b++) {
        scoreProportions[b] = counts[b] / (double) scores.length;
      }
    }
    // A contacted term's outcome is the programme's doing, not the model's prediction for a term
    // left alone: realized figures use only the terms nobody contacted, and are compared with what
    // the model expected of those same terms.
    List<MonitoredTerm> alone = done.stream().filter(t -> !t.contacted).toList();
    double[] doneScores = new double[alone.size()];
    boolean[] lapsed = new boolean[alone.size()];
    for (int i = 0; i < alone.size(); i++) {
      doneScores[i] = alone.get(i).score;
      lapsed[i] = alone.get(i).lapsed();
    }
    boolean enoughDone = alone.size() >= Math.max(1, minTerms);
    return new ModelHealth(
        currentDay,
        live.size(),
        done.size(),
        done.size() - alone.size(),
        featurePsi,
        enoughLive ? Psi.of(profile.score(), scores) : Double.NaN,
        scoreProportions,
        enoughLive ? ExpectedPerformance.lapseRate(scores) : Double.NaN,
        enoughLive ? ExpectedPerformance.auc(scores) : Double.NaN,
        enoughDone ? ExpectedPerformance.lapseRate(doneScores) : Double.NaN,
        enoughDone ? ExpectedPerformance.auc(doneScores) : Double.NaN,
        enoughDone ? RealizedPerformance.auc(doneScores, lapsed) : Double.NaN,
        enoughDone ? RealizedPerformance.lapseRate(lapsed) : Double.NaN,
        enoughDone ? CalibrationDeciles.of(doneScores, lapsed) : CalibrationDeciles.empty());
  }

  private List<MonitoredTerm> inWindow(TreeMap<Integer, ArrayList<MonitoredTerm>> byDay) {
    NavigableMap<Integer, ArrayList<MonitoredTerm>> days =
        currentDay == NOT_STARTED
            ? byDay
            : byDay.subMap(currentDay - windowDays, false, currentDay, true);
    List<MonitoredTerm> out = new ArrayList<>();
    days.values().forEach(out::addAll);
    return out;
  }
}
