package io.lapsewatch.flinkjobs.monitoring;

import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.modeltraining.monitoring.CalibrationDeciles;
import io.lapsewatch.modeltraining.monitoring.ModelHealth;
import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;
import io.lapsewatch.modeltraining.monitoring.MonitoringWindow;
import io.lapsewatch.modeltraining.monitoring.ReferenceProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The model's health in production, from every monitored term (scored at the lead time, and again
 * once ended): a rolling {@link MonitoringWindow} of event-time days, compared with the reference
 * profile of the model version that scored the newest term, exported as gauges ({@code
 * lapsewatch_feature_drift_psi{feature}}, {@code lapsewatch_score_drift_psi}, expected and realized
 * lapse rate and AUC, the lapse rate expected of the ended terms nobody contacted (the terms the
 * realized figures are measured on), calibration by decile, terms by kind) and as the {@link
 * JobCounters#MODEL_HEALTH} accumulator. Runs with parallelism 1: the window is one population.
 *
 * <p>The window moves with the newest term's day, and the health is recomputed when a new day
 * begins (the figures of the days before it), not per record. A model version without a profile
 * leaves drift and expected figures NaN, counted and logged once per version, and the job runs on.
 * The window's terms are operator state (POJOs), checkpointed and restored.
 */
public class MonitorModel extends ProcessFunction<MonitoredTerm, Void>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MonitorModel.class);

  private final ReferenceProfiles profiles;
  private final int windowDays;
  private final int minTerms;

  private transient MonitoringWindow window;
  private transient ListState<MonitoredTerm> windowTerms;
  private transient ListState<Integer> windowDay;
  private transient Map<String, Optional<ReferenceProfile>> profileByVersion;
  private transient String latestVersion;
  private transient volatile ModelHealth health;
  private transient volatile int scoredInWindow;
  private transient volatile int endedInWindow;
  private transient volatile int endedContactedInWindow;
  private transient Counter referenceMissing;
  private transient ModelHealthFigures figures;

  public MonitorModel(ReferenceProfiles profiles, int windowDays, int minTerms) {
    this.profiles = profiles;
    this.windowDays = windowDays;
    this.minTerms = minTerms;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    windowTerms =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "monitoring-window-terms", TypeInformation.of(MonitoredTerm.class)));
    windowDay =
        context
            .getOperatorStateStore()
            .getListState(new ListStateDescriptor<>("monitoring-window-day", Types.INT));
    window = new MonitoringWindow(windowDays);
    for (Integer day : windowDay.get()) {
      window.advanceTo(day);
    }
    for (MonitoredTerm t : windowTerms.get()) {
      window.add(t);
      if (!t.isEnded()) {
        latestVersion = t.modelVersion;
      }
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    windowTerms.update(held());
    windowDay.update(
        window.currentDay() == Integer.MIN_VALUE ? List.of() : List.of(window.currentDay()));
  }

  /** Every term the window holds, scored and ended. */
  private List<MonitoredTerm> held() {
    List<MonitoredTerm> all = new java.util.ArrayList<>(window.scoredTerms());
    all.addAll(window.endedTerms());
    return all;
  }

  @Override
  public void open(OpenContext openContext) {
    profileByVersion = new HashMap<>();
    MetricGroup metrics = getRuntimeContext().getMetricGroup();
    referenceMissing = metrics.counter("lapsewatch_model_reference_missing");
    figures = new ModelHealthFigures();
    getRuntimeContext().addAccumulator(JobCounters.MODEL_HEALTH, figures);
    // Feature names are the schema's: a bounded label set, known before any term arrives.
    for (String feature : FeatureSchema.keys()) {
      metrics
          .addGroup("feature", feature)
          .gauge(
              "lapsewatch_feature_drift_psi",
              () ->
                  health == null
                      ? Double.NaN
                      : health.featurePsi().getOrDefault(feature, Double.NaN));
    }
    metrics.gauge("lapsewatch_score_drift_psi", () -> figure(ModelHealth::scorePsi));
    metrics.gauge(
        "lapsewatch_model_expected_lapse_rate", () -> figure(ModelHealth::expectedLapseRate));
    metrics.gauge("lapsewatch_model_expected_auc", () -> figure(ModelHealth::expectedAuc));
    metrics.gauge("lapsewatch_model_realized_auc", () -> figure(ModelHealth::realizedAuc));
    metrics.gauge(
        "lapsewatch_model_realized_lapse_rate", () -> figure(ModelHealth::realizedLapseRate));
    metrics.gauge(
        "lapsewatch_model_ended_expected_lapse_rate",
        () -> figure(ModelHealth::endedExpectedLapseRate));
    metrics.gauge(
        "lapsewatch_model_ended_expected_auc", () -> figure(ModelHealth::endedExpectedAuc));
    for (int d = 0; d < CalibrationDeciles.DECILES; d++) {
      int decile = d;
      MetricGroup g = metrics.addGroup("decile", String.valueOf(d + 1));
      g.gauge(
          "lapsewatch_model_calibration_predicted",
          () -> figure(h -> at(h.calibration().predicted(), decile)));
      g.gauge(
          "lapsewatch_model_calibration_observed",
          () -> figure(h -> at(h.calibration().observed(), decile)));
    }
    metrics
        .addGroup("kind", "scored")
        .gauge("lapsewatch_model_monitored_terms", () -> scoredInWindow);
    metrics
        .addGroup("kind", "ended")
        .gauge("lapsewatch_model_monitored_terms", () -> endedInWindow);
    // Ended terms left out of the realized figures: the retention contact changed their outcome.
    metrics
        .addGroup("kind", "ended_contacted")
        .gauge("lapsewatch_model_monitored_terms", () -> endedContactedInWindow);
  }

  private double figure(java.util.function.ToDoubleFunction<ModelHealth> f) {
    ModelHealth h = health;
    return h == null ? Double.NaN : f.applyAsDouble(h);
  }

  private static double at(double[] values, int i) {
    return i < values.length ? values[i] : Double.NaN;
  }

  @Override
  public void processElement(MonitoredTerm t, Context ctx, Collector<Void> out) throws Exception {
    int day = MonitoringWindow.dayOf(t);
    if (window.currentDay() == Integer.MIN_VALUE || day > window.currentDay()) {
      // A new day: the figures of the window up to yesterday, once, before today's terms join.
      if (window.currentDay() != Integer.MIN_VALUE) {
        window.advanceTo(day - 1);
        recompute();
      }
      window.advanceTo(day);
    }
    if (!t.isEnded()) {
      latestVersion = t.modelVersion;
    }
    // Held (and checkpointed) without ids: an erased policyholder must leave no trace here, and
    // the window's figures need none.
    window.add(t.anonymous());
  }

  /** The health of the window now, against the newest scoring model's profile. */
  private void recompute() {
    scoredInWindow = window.scoredTerms().size();
    List<MonitoredTerm> ended = window.endedTerms();
    endedInWindow = ended.size();
    endedContactedInWindow = (int) ended.stream().filter(t -> t.contacted).count();
    Optional<ReferenceProfile> profile = profile(latestVersion);
    if (profile.isEmpty()) {
      health = null;
      return;
    }
    try {
      health = window.health(profile.get(), minTerms);
      figures.add(health);
    } catch (IllegalArgumentException e) {
      // Terms of a model with another schema than the profile's: say so, keep running.
      LOG.warn(
          "cannot compare the monitoring window with model {}: {}", latestVersion, e.getMessage());
      health = null;
    }
  }

  private Optional<ReferenceProfile> profile(String version) {
    if (version == null) {
      return Optional.empty();
    }
    return profileByVersion.computeIfAbsent(version, this::load);
  }

  private Optional<ReferenceProfile> load(String version) {
    try {
      Optional<ReferenceProfile> p = profiles.of(version);
      if (p.isEmpty()) {
        referenceMissing.inc();
        LOG.warn(
            "model {} has no reference profile (trained before issue 17): drift and expected"
                + " performance stay NaN until a model with one is published",
            version);
      }
      return p;
    } catch (Exception e) {
      referenceMissing.inc();
      LOG.warn("cannot read the reference profile of model {}: {}", version, e.toString());
      return Optional.empty();
    }
  }

  /** The last figures, covering the final day too: a bounded run ends here. */
  @Override
  public void close() throws Exception {
    if (window != null && window.currentDay() != Integer.MIN_VALUE && profileByVersion != null) {
      recompute();
    }
  }

  /** The latest health, or null before the first day's end (tests). */
  ModelHealth health() {
    return health;
  }
}
