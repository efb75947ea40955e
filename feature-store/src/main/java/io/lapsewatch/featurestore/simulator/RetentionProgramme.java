package io.lapsewatch.featurestore.simulator;

import io.lapsewatch.featurestore.features.FeatureVector;
import java.util.List;

/**
 * The retention programme the simulated world reacts to: given a policyholder's features (the same
 * vectors the job computes), says whether LapseWatch would act on the term now and how. The
 * simulator then delivers the action as events and lets it save some policyholders who meant to
 * lapse, so treated and held-out arms differ as they would in the field.
 *
 * <p>A programme that runs journeys also delivers follow-ups ({@link #act}): a later step on a term
 * already treated, e.g. an agent's callback after the renewal offer.
 */
@FunctionalInterface
public interface RetentionProgramme {
  /** What the programme does about a policyholder's renewing term. */
  enum Treatment {
    NONE,
    RENEWAL_OFFER,
    AGENT_CALLBACK
  }

  /**
   * One treatment to deliver now.
   *
   * @param followUp true for a journey's later step on a term already treated: it adds its own
   *     {@link #followUpSaveRate} to the first treatment's chance
   */
  record Delivery(Treatment treatment, boolean followUp) {}

  Treatment consider(FeatureVector features);

  /**
   * The treatments to deliver now for the renewing term of {@code features}. By default the one of
   * {@link #consider}, as a first treatment (the simulator ignores it once the term is treated).
   */
  default List<Delivery> act(FeatureVector features) {
    Treatment t = consider(features);
    return t == Treatment.NONE ? List.of() : List.of(new Delivery(t, false));
  }

  /** Share of would-be lapsers a treatment keeps: calls persuade more than letters. */
  static double saveRate(Treatment t) {
    switch (t) {
      case AGENT_CALLBACK:
        return 0.5;
      case RENEWAL_OFFER:
        return 0.3;
      default:
        return 0;
    }
  }

  /**
   * Share of the would-be lapsers a first treatment did not keep whom a follow-up keeps: smaller
   * than a first treatment's (who was not moved once is harder to move), a call still more than a
   * letter. Drawn once per term, for its first follow-up.
   */
  static double followUpSaveRate(Treatment t) {
    switch (t) {
      case AGENT_CALLBACK:
        return 0.25;
      case RENEWAL_OFFER:
        return 0.1;
      default:
        return 0;
    }
  }
}
