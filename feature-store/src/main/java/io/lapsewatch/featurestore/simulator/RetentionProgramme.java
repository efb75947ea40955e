package io.lapsewatch.featurestore.simulator;

import io.lapsewatch.featurestore.features.FeatureVector;

/**
 * The retention programme the simulated world reacts to: given a policyholder's features (the same
 * vectors the job computes), says whether LapseWatch would act on the term now and how. The
 * simulator then delivers the action as events and lets it save some policyholders who meant to
 * lapse, so treated and held-out arms differ as they would in the field.
 */
@FunctionalInterface
public interface RetentionProgramme {
  /** What the programme does about a policyholder's renewing term. */
  enum Treatment {
    NONE,
    RENEWAL_OFFER,
    AGENT_CALLBACK
  }

  Treatment consider(FeatureVector features);

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
}
