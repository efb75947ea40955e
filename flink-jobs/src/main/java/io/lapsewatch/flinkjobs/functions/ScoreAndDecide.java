package io.lapsewatch.flinkjobs.functions;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Reason;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.policy.AlertPolicy;
import io.lapsewatch.alertcontract.policy.DecisionConfig;
import io.lapsewatch.alertcontract.policy.HoldoutArm;
import io.lapsewatch.alertcontract.policy.ReasonText;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.model.ModelSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Scores each policyholder's vector with the published churn model and applies the retention
 * decision. One alert per policy term: a term already alerted is not alerted again. The model is
 * loaded in {@link #open}, never serialized with the function, and a newly published version is
 * picked up by a processing-time timer, off the per-record path.
 */
public class ScoreAndDecide extends KeyedProcessFunction<String, FeatureVector, Alert> {
  private static final long serialVersionUID = 1L;
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ScoreAndDecide.class);

  /** Reasons attached to each alert. */
  public static final int REASONS = 3;

  /** Scores of the shadow challenger model (no alerts come from it). */
  public static final OutputTag<ShadowScore> SHADOW =
      new OutputTag<>("shadow-scores", TypeInformation.of(ShadowScore.class));

  /**
   * Fresh scores of terms already alerted, for journeys: their "risk now" and engagement. Only with
   * {@link #withJourneySignals}; a few percent of the scorings.
   */
  public static final OutputTag<io.lapsewatch.journeys.engine.JourneySignal> JOURNEY_RISK =
      new OutputTag<>(
          "journey-risk", TypeInformation.of(io.lapsewatch.journeys.engine.JourneySignal.class));

  /**
   * Each term's score and vector at the monitoring lead time (model monitoring). Only with {@link
   * #withMonitoring}.
   */
  public static final OutputTag<io.lapsewatch.modeltraining.monitoring.MonitoredTerm> MONITORED =
      new OutputTag<>(
          "monitored-terms",
          TypeInformation.of(io.lapsewatch.modeltraining.monitoring.MonitoredTerm.class));

  private final ModelSourceSpec source;
  private boolean journeySignals;

  /** Days before renewal at which terms are reported to {@link #MONITORED}; 0 = not at all. */
  private int monitoringLeadDays;

  private final String challengerVersion;
  private final long checkIntervalMs;
  private final DecisionOverrides overrides;
  private io.lapsewatch.flinkjobs.decision.UpliftDecisionSettings upliftSettings;
  private io.lapsewatch.flinkjobs.decision.UpliftModelSource upliftSource;
  private io.lapsewatch.flinkjobs.decision.FeatureFreshness freshness =
      new io.lapsewatch.flinkjobs.decision.FeatureFreshness(
          io.lapsewatch.flinkjobs.decision.FeatureFreshness.DEFAULT_MAX_AGE_DAYS);

  private transient ModelSource models;
  private transient ChurnModel model;
  private transient ChurnModel challenger;
  private transient ProcessingTimeService clock;
  private transient AlertPolicy policy;
  private transient Counter loadFailures;
  private transient Counter swaps;
  private transient io.lapsewatch.flinkjobs.decision.UpliftModels upliftModels;
  private transient Counter upliftLoadFailures;

  /** Policy term → ordinal of the risk band last alerted for it (cooldown and escalation). */
  private transient MapState<String, Integer> alertedTerms;

  private transient ValueState<Boolean> everScored;
  private transient Counter scored;
  private transient Counter alerts;
  private transient LongCounter holdersScored;
  private transient LongCounter scorings;
  private transient io.lapsewatch.flinkjobs.decision.StaleFeatureMetrics heldStale;
  private transient LongCounter heldStaleTotal;

  /** Decision settings that override the model's own (NaN or 0 = use the default). */
  public record DecisionOverrides(
      double threshold,
      double highValuePremium,
      int horizonDays,
      int leadTimeDays,
      HoldoutArm holdout)
      implements java.io.Serializable {
    public static DecisionOverrides none() {
      return new DecisionOverrides(
          Double.NaN,
          DecisionConfig.DEFAULT_HIGH_VALUE_PREMIUM,
          DecisionConfig.DEFAULT_HORIZON_DAYS,
          DecisionConfig.DEFAULT_LEAD_TIME_DAYS,
          HoldoutArm.none());
    }
  }

  /** Scores with the published model of a registry folder, checked for new versions every 10 s. */
  public ScoreAndDecide(String registryPath, DecisionOverrides overrides) {
    this(ModelSourceSpec.folder(registryPath), null, 10_000, overrides);
  }

  /**
   * @param source where published models live
   * @param challengerVersion a version scored in shadow next to the champion, or null
   * @param checkIntervalMs how often (processing time) to look for a newly published version
   */
  public ScoreAndDecide(
      ModelSourceSpec source,
      String challengerVersion,
      long checkIntervalMs,
      DecisionOverrides overrides) {
    this.source = source;
    this.challengerVersion = challengerVersion;
    this.checkIntervalMs = checkIntervalMs;
    this.overrides = overrides;
  }

  /** Reports each term's score at {@code leadDays} before renewal to {@link #MONITORED}. */
  public ScoreAndDecide withMonitoring(int leadDays) {
    monitoringLeadDays = leadDays;
    return this;
  }

  /**
   * Holds back alerts from features older than {@code freshness} allows (default {@link
   * io.lapsewatch.flinkjobs.decision.FeatureFreshness#DEFAULT_MAX_AGE_DAYS} days).
   */
  public ScoreAndDecide withFreshness(io.lapsewatch.flinkjobs.decision.FeatureFreshness freshness) {
    if (freshness == null) {
      throw new IllegalArgumentException("a feature freshness limit is required");
    }
    this.freshness = freshness;
    return this;
  }

  /** Also scores alerted terms at the top band and reports {@link #JOURNEY_RISK}. */
  public ScoreAndDecide withJourneySignals() {
    journeySignals = true;
    return this;
  }

  /**
   * Adds the action's uplift estimate to each treated alert and marks it ranked by uplift once the
   * gate opens ({@link io.lapsewatch.flinkjobs.decision.UpliftModels}); models are loaded in {@link
   * #open} and refreshed with the churn model.
   */
  public ScoreAndDecide withUplift(
      io.lapsewatch.flinkjobs.decision.UpliftDecisionSettings settings,
      io.lapsewatch.flinkjobs.decision.UpliftModelSource source) {
    upliftSettings = settings;
    upliftSource = source;
    return this;
  }

  /** The counts of alerts held back for stale features (tests). */
  io.lapsewatch.flinkjobs.decision.StaleFeatureMetrics staleFeatureMetrics() {
    return heldStale;
  }

  /** The uplift models in use, or null without {@link #withUplift} (tests). */
  io.lapsewatch.flinkjobs.decision.UpliftModels upliftModels() {
    return upliftModels;
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    models = source.open();
    String version =
        models
            .currentVersion()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no published model in "
                            + source
                            + "; run: lapsewatch models publish <version>"));
    use(models.load(version));
    if (challengerVersion != null) {
      challenger = models.load(challengerVersion);
    }
    loadFailures = getRuntimeContext().getMetricGroup().counter("lapsewatch_model_load_failures");
    swaps = getRuntimeContext().getMetricGroup().counter("lapsewatch_model_swaps");
    getRuntimeContext()
        .getMetricGroup()
        .gauge(
            "lapsewatch_model_age_seconds",
            () ->
                (System.currentTimeMillis()
                        - java.time.Instant.parse(model.metadata().createdAt()).toEpochMilli())
                    / 1000L);
    alertedTerms =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("alerted-terms", Types.STRING, Types.INT));
    everScored =
        getRuntimeContext().getState(new ValueStateDescriptor<>("ever-scored", Types.BOOLEAN));
    scored = getRuntimeContext().getMetricGroup().counter("lapsewatch_scorings");
    alerts = getRuntimeContext().getMetricGroup().counter("lapsewatch_alerts");
    holdersScored = getRuntimeContext().getLongCounter(JobCounters.POLICYHOLDERS_SCORED);
    scorings = getRuntimeContext().getLongCounter(JobCounters.SCORINGS);
    heldStale =
        new io.lapsewatch.flinkjobs.decision.StaleFeatureMetrics(
            getRuntimeContext().getMetricGroup());
    heldStaleTotal = getRuntimeContext().getLongCounter(JobCounters.ALERTS_HELD_STALE_FEATURES);
    if (upliftSource != null) {
      upliftModels =
          new io.lapsewatch.flinkjobs.decision.UpliftModels(upliftSettings, upliftSource);
      upliftModels.open();
      upliftLoadFailures =
          getRuntimeContext().getMetricGroup().counter("lapsewatch_uplift_model_load_failures");
      for (RetentionAction action : RetentionAction.values()) {
        getRuntimeContext()
            .getMetricGroup()
            .addGroup(
                "action", io.lapsewatch.flinkjobs.decision.UpliftDecisionSettings.modelName(action))
            .gauge("lapsewatch_uplift_mode_active", () -> upliftModels.active(action) ? 1 : 0);
      }
    }
    clock = processingTimeService();
    scheduleRefresh(clock.getCurrentProcessingTime());
  }

  /**
   * The operator's processing-time service. A timer on it belongs to the task, not to a key, so one
   * check serves every policyholder and nothing lands in keyed state or checkpoints; its callback
   * runs in the task thread, between records, so a swap never races a scoring.
   */
  private ProcessingTimeService processingTimeService() {
    if (getRuntimeContext() instanceof StreamingRuntimeContext streaming) {
      return streaming.getProcessingTimeService();
    }
    throw new IllegalStateException(
        "ScoreAndDecide needs a streaming runtime context for its model refresh timer, got "
            + getRuntimeContext().getClass().getName());
  }

  private void scheduleRefresh(long now) {
    clock.registerTimer(
        now + checkIntervalMs,
        firedAt -> {
          refreshModel();
          if (upliftModels != null) {
            upliftLoadFailures.inc(upliftModels.refresh());
          }
          // From now, not from firedAt: after a stall the check runs once, not once per interval.
          scheduleRefresh(clock.getCurrentProcessingTime());
        });
  }

  /** Serves {@code m} from now on, with its own threshold unless one is configured. */
  private void use(ChurnModel m) {
    model = m;
    double threshold =
        Double.isNaN(overrides.threshold()) ? model.threshold() : overrides.threshold();
    policy =
        new AlertPolicy(
            new DecisionConfig(
                threshold,
                overrides.highValuePremium(),
                overrides.horizonDays(),
                overrides.leadTimeDays()));
    String v = m.version();
    getRuntimeContext()
        .getMetricGroup()
        .addGroup("model_version", v)
        .gauge("lapsewatch_model_info", () -> model.version().equals(v) ? 1 : 0);
  }

  /** Swaps to a newly published version; a version that fails to load leaves the current one. */
  private void refreshModel() {
    try {
      java.util.Optional<String> published = models.currentVersion();
      if (published.isPresent() && !published.get().equals(model.version())) {
        use(models.load(published.get()));
        swaps.inc();
        LOG.info("now scoring with model {}", published.get());
      }
    } catch (Exception e) {
      loadFailures.inc();
      LOG.error(
          "could not load the newly published model; still scoring with {}: {}",
          model.version(),
          e.toString());
    }
  }

  @Override
  public void close() throws Exception {
    if (models != null) {
      models.close();
    }
  }

  @Override
  public void processElement(FeatureVector v, Context ctx, Collector<Alert> out) throws Exception {
    if (v.erased) {
      alertedTerms.clear();
      everScored.clear();
      if (!v.retired) {
        // One marker per action: capacity queues are keyed by action, and each must drop what it
        // holds for this policyholder before the tombstone goes out.
        for (RetentionAction action : RetentionAction.values()) {
          out.collect(Alert.erasure(v.policyholderId, action, v.asOf));
        }
      }
      return;
    }
    if (!v.hasRenewingPolicy()) {
      return;
    }
    if (monitoringLeadDays > 0
        && io.lapsewatch.flinkjobs.monitoring.MonitoredTerms.atLeadTime(v, monitoringLeadDays)) {
      // Before the decision's own early returns: every term is monitored, alerted or not. Scored
      // apart from the decision; once per term a year costs nothing.
      ctx.output(
          MONITORED,
          io.lapsewatch.flinkjobs.monitoring.MonitoredTerms.scored(
              v, model.score(v.values), model.version()));
    }
    int daysToRenewal = v.renewalDate - PolicyholderState.dayOf(v.asOf);
    if (!policy.inHorizon(daysToRenewal)) {
      return;
    }
    String term = v.policyId + "|" + v.renewalDate;
    Integer alertedBand = alertedTerms.get(term);
    if (alertedBand != null && alertedBand == RiskBand.CRITICAL.ordinal() && !journeySignals) {
      return; // nothing left to escalate to
    }
    double score = model.score(v.values);
    scored.inc();
    if (journeySignals && alertedBand != null) {
      int today = PolicyholderState.dayOf(v.asOf);
      ctx.output(
          JOURNEY_RISK,
          io.lapsewatch.journeys.engine.JourneySignal.risk(
              v.policyholderId,
              v.asOf,
              v.policyId,
              score,
              today - (int) v.get(Feature.DAYS_SINCE_SESSION)));
    }
    if (challenger != null) {
      ShadowScore sh = new ShadowScore();
      sh.policyholderId = v.policyholderId;
      sh.policyId = v.policyId;
      sh.renewalDate = v.renewalDate;
      sh.asOf = v.asOf;
      sh.championVersion = model.version();
      sh.championScore = score;
      sh.challengerVersion = challenger.version();
      sh.challengerScore = challenger.score(v.values);
      ctx.output(SHADOW, sh);
    }
    scorings.add(1L);
    if (everScored.value() == null) {
      everScored.update(true);
      holdersScored.add(1L);
    }
    Optional<Alert> alert =
        policy.decide(
            v,
            score,
            model.version(),
            null,
            overrides.holdout().of(v.policyholderId),
            alertedBand == null ? null : RiskBand.values()[alertedBand]);
    if (alert.isPresent()) {
      Long age = io.lapsewatch.flinkjobs.decision.FeatureFreshness.ageSeconds(v);
      alert.get().featureAgeSeconds = age;
      if (freshness.tooOld(age)) {
        // Not recorded as decided: a vector with fresh evidence for this term can still alert.
        heldStale.held(alert.get().action);
        heldStaleTotal.add(1L);
        return;
      }
      // Explaining costs more than scoring; only the ~1% of scorings that alert need it.
      alert.get().reasons = reasons(v);
      if (upliftModels != null) {
        upliftModels.estimate(alert.get(), v.values); // treated alerts only, as for the reasons
      }
      forgetEndedTerms(PolicyholderState.dayOf(v.asOf));
      alertedTerms.put(term, alert.get().riskBand.ordinal());
      alerts.inc();
      out.collect(alert.get());
    }
  }

  /** Drops cooldown entries of terms whose renewal date is long past. */
  private void forgetEndedTerms(int today) throws Exception {
    java.util.Iterator<String> it = alertedTerms.keys().iterator();
    while (it.hasNext()) {
      String t = it.next();
      int renewal = Integer.parseInt(t.substring(t.lastIndexOf('|') + 1));
      if (renewal < today - TrackOutcomes.WINDOW_DAYS) {
        it.remove();
      }
    }
  }

  private Reason[] reasons(FeatureVector v) {
    List<Reason> out = new java.util.ArrayList<>(REASONS);
    java.util.Set<String> sentences = new java.util.HashSet<>();
    for (ChurnModel.Contribution c : model.explain(v.values, v.values.length)) {
      Feature f = Feature.valueOf(c.feature().toUpperCase(Locale.ROOT));
      String text = ReasonText.describe(f, v);
      // Related features (e.g. sessions over 7 and 30 days) share a sentence; say it once.
      if (ReasonText.isBusinessReason(f) && sentences.add(text)) {
        out.add(new Reason(c.feature(), c.value(), Math.round(c.logOdds() * 1000) / 1000.0, text));
        if (out.size() == REASONS) {
          break;
        }
      }
    }
    return out.toArray(new Reason[0]);
  }
}
