package io.lapsewatch.flinkjobs.decision;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.modeltraining.uplift.UpliftModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The uplift model in use per action, its gate, and the estimate it adds to a treated alert. Lives
 * in one task; {@link #refresh} runs on the task's processing-time timer, between records.
 */
public final class UpliftModels {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UpliftModels.class);

  /** Value of {@link Alert#rankedBy} when the uplift ranking decides. */
  public static final String RANKED_BY_UPLIFT = "uplift";

  private final UpliftDecisionSettings settings;
  private final UpliftModelSource source;
  private final Map<RetentionAction, UpliftModel> models = new EnumMap<>(RetentionAction.class);
  private final Map<RetentionAction, String> versions = new EnumMap<>(RetentionAction.class);

  public UpliftModels(UpliftDecisionSettings settings, UpliftModelSource source) {
    this.settings = settings;
    this.source = source;
  }

  /** Loads the newest model of each action that has one; a failure here stops the start. */
  public void open() throws Exception {
    for (RetentionAction action : RetentionAction.values()) {
      Optional<String> v = source.latestVersion(UpliftDecisionSettings.modelName(action));
      if (v.isPresent()) {
        use(action, v.get());
      }
    }
  }

  /**
   * Swaps to newer versions; one that fails to load leaves the current model and returns the number
   * of failures (for the caller's counter).
   */
  public int refresh() {
    int failures = 0;
    for (RetentionAction action : RetentionAction.values()) {
      try {
        Optional<String> v = source.latestVersion(UpliftDecisionSettings.modelName(action));
        if (v.isPresent() && !v.get().equals(versions.get(action))) {
          use(action, v.get());
        }
      } catch (Exception e) {
        failures++;
        LOG.error(
            "could not load the newest {} uplift model; still using {}: {}",
            UpliftDecisionSettings.modelName(action),
            versions.getOrDefault(action, "none"),
            e.toString());
      }
    }
    return failures;
  }

  private void use(RetentionAction action, String version) throws Exception {
    UpliftModel m = source.load(UpliftDecisionSettings.modelName(action), version);
    models.put(action, m);
    versions.put(action, version);
    LOG.info(
        "{} uplift model {} trained on {} holdout outcomes; uplift mode {}",
        UpliftDecisionSettings.modelName(action),
        version,
        m.provenance().controlRows(),
        active(action) ? "active" : "off");
  }

  /**
   * True when the uplift ranking decides for {@code action}: asked for, and its model was trained
   * on at least the minimum of holdout outcomes. Otherwise the risk ranking decides.
   */
  public boolean active(RetentionAction action) {
    UpliftModel m = models.get(action);
    return settings.ranking() == Ranking.UPLIFT
        && m != null
        && m.provenance().controlRows() >= settings.minHoldoutOutcomes();
  }

  /** The version in use for {@code action}, or null. */
  public String version(RetentionAction action) {
    return versions.get(action);
  }

  /**
   * Adds the estimated uplift and expected incremental value to a treated alert, and marks it
   * ranked by uplift when the mode is active. Holdout alerts are left as they are: their arm was
   * drawn before any ranking and must stay untouched.
   */
  public void estimate(Alert a, double[] features) {
    UpliftModel m = models.get(a.action);
    if (m == null || a.arm != io.lapsewatch.alertcontract.Arm.TREATED) {
      return;
    }
    double u = m.uplift(features);
    a.uplift = u;
    a.expectedValue = settings.expectedValue(a.action, u, a.annualPremium);
    a.rankedBy = active(a.action) ? RANKED_BY_UPLIFT : null;
  }
}
