package io.lapsewatch.featurestore.simulator;

import io.lapsewatch.featurestore.simulator.RetentionProgramme.Treatment;

/**
 * The heterogeneous world's rule for a policyholder's hidden {@link ResponseType} per action, drawn
 * once per renewing term at its renewal quote from behaviour the features see. Whether the term
 * would lapse without contact is decided first, exactly as in the homogeneous world (the lapse
 * intent); the type only splits that outcome:
 *
 * <ul>
 *   <li>a would-be lapser is <b>persuadable</b> with {@link #persuadableChance} and otherwise a
 *       <b>lost cause</b>. Grievances (open complaints, an agent who left, missed payments, a
 *       rejected claim) and digital silence make lost causes: they also raise the lapse risk, so
 *       the riskiest terms are mostly lost causes. A price rise makes persuadables for an offer
 *       (the offer answers the price); the agent channel makes persuadables for a callback.
 *   <li>a would-be renewer is a <b>sleeping dog</b> with {@link #sleepingDogChance} and otherwise a
 *       <b>sure thing</b>: long-tenured, digitally engaged policyholders who deal direct dislike
 *       being called (and, less often, an unasked-for offer sends them shopping). They are the
 *       lowest-risk terms.
 * </ul>
 *
 * So the effect of contact is highest in the middle of the risk ranking, about zero at its top and
 * negative for part of its bottom: not the risk ordering. All weights are logits.
 */
public final class ResponseTypes {
  private ResponseTypes() {}

  /** Recent digital sessions (the simulator's decayed 30-day count) that make "engaged". */
  public static final int ENGAGED_SESSIONS = 3;

  /** Below this many recent sessions a policyholder is digitally silent (also a lapse risk). */
  public static final int SILENT_SESSIONS = 2;

  /** Tenure counts towards sleeping dogs up to this many years. */
  public static final double TENURE_CAP_YEARS = 10;

  // Would-be lapsers, offer: about 30% persuadable overall, as the homogeneous save rate.
  /** Offer persuadable logit for a lapser with no grievance, no price rise, not silent. */
  public static final double OFFER_PERSUADABLE_BASE = 1.3;

  /** Per unit of price rise at renewal (0.10 = +10%): an offer answers the price. */
  public static final double OFFER_PERSUADABLE_PER_PRICE_RISE = 6.0;

  /** Per grievance: a broken relationship is not mended by a letter. */
  public static final double OFFER_PERSUADABLE_PER_GRIEVANCE = -1.8;

  /** A digitally silent policyholder does not read the offer. */
  public static final double OFFER_PERSUADABLE_IF_SILENT = -1.0;

  // Would-be lapsers, callback: about half persuadable overall, as the homogeneous save rate.
  /** Callback persuadable logit for a direct-channel lapser with no grievance. */
  public static final double CALLBACK_PERSUADABLE_BASE = 1.7;

  /** An agent-sold policy: the agent's call is a relationship call. */
  public static final double CALLBACK_PERSUADABLE_IF_AGENT = 1.0;

  /** Per unit of price rise: a call can explain or adjust the price. */
  public static final double CALLBACK_PERSUADABLE_PER_PRICE_RISE = 1.0;

  /** Per grievance: a call helps more than a letter, but not much. */
  public static final double CALLBACK_PERSUADABLE_PER_GRIEVANCE = -1.8;

  /** A digitally silent policyholder is harder to reach and to move. */
  public static final double CALLBACK_PERSUADABLE_IF_SILENT = -0.5;

  /** Grievances count up to this many. */
  public static final int GRIEVANCE_CAP = 4;

  // Would-be renewers: sleeping dogs.
  /** Callback sleeping-dog logit for a new, digitally quiet, agent-sold renewer. */
  public static final double CALLBACK_SLEEPING_DOG_BASE = -3.8;

  /** Offer sleeping-dog logit: an unasked-for offer disturbs far fewer than a call. */
  public static final double OFFER_SLEEPING_DOG_BASE = -5.0;

  /** Per year of tenure (capped): the long-settled resent being chased. */
  public static final double SLEEPING_DOG_PER_TENURE_YEAR = 0.25;

  /** Digitally engaged: they serve themselves and want no call. */
  public static final double SLEEPING_DOG_IF_ENGAGED = 1.6;

  /** Per grievance: the aggrieved expect to be contacted (and are no longer low-risk). */
  public static final double SLEEPING_DOG_PER_GRIEVANCE = -0.8;

  /** An agent-sold policy expects its agent to call. */
  public static final double SLEEPING_DOG_IF_AGENT = -2.0;

  /** What the simulator knows of a term at its renewal quote, all of it visible to the features. */
  record Behaviour(
      double priceChange,
      int openComplaints,
      boolean orphaned,
      int recentMissedPayments,
      boolean rejectedClaimRecently,
      boolean agentChannel,
      double tenureYears,
      int recentSessions) {

    int grievances() {
      int g =
          openComplaints
              + (orphaned ? 1 : 0)
              + recentMissedPayments
              + (rejectedClaimRecently ? 1 : 0);
      return Math.min(GRIEVANCE_CAP, g);
    }

    boolean silent() {
      return recentSessions < SILENT_SESSIONS;
    }

    boolean engaged() {
      return recentSessions >= ENGAGED_SESSIONS;
    }
  }

  /** Chance that a would-be lapser is persuadable by {@code action}. */
  static double persuadableChance(Treatment action, Behaviour b) {
    double rise = Math.max(0, b.priceChange());
    double logit =
        action == Treatment.AGENT_CALLBACK
            ? CALLBACK_PERSUADABLE_BASE
                + (b.agentChannel() ? CALLBACK_PERSUADABLE_IF_AGENT : 0)
                + CALLBACK_PERSUADABLE_PER_PRICE_RISE * rise
                + CALLBACK_PERSUADABLE_PER_GRIEVANCE * b.grievances()
                + (b.silent() ? CALLBACK_PERSUADABLE_IF_SILENT : 0)
            : OFFER_PERSUADABLE_BASE
                + OFFER_PERSUADABLE_PER_PRICE_RISE * rise
                + OFFER_PERSUADABLE_PER_GRIEVANCE * b.grievances()
                + (b.silent() ? OFFER_PERSUADABLE_IF_SILENT : 0);
    return sigmoid(logit);
  }

  /** Chance that a would-be renewer is a sleeping dog for {@code action}. */
  static double sleepingDogChance(Treatment action, Behaviour b) {
    double logit =
        (action == Treatment.AGENT_CALLBACK ? CALLBACK_SLEEPING_DOG_BASE : OFFER_SLEEPING_DOG_BASE)
            + SLEEPING_DOG_PER_TENURE_YEAR * Math.min(TENURE_CAP_YEARS, b.tenureYears())
            + (b.engaged() ? SLEEPING_DOG_IF_ENGAGED : 0)
            + SLEEPING_DOG_PER_GRIEVANCE * b.grievances()
            + (b.agentChannel() ? SLEEPING_DOG_IF_AGENT : 0);
    return sigmoid(logit);
  }

  /** The type for {@code action}, given the lapse intent and a uniform draw {@code u} in [0, 1). */
  static ResponseType draw(Treatment action, boolean lapseIntent, Behaviour b, double u) {
    if (lapseIntent) {
      return u < persuadableChance(action, b) ? ResponseType.PERSUADABLE : ResponseType.LOST_CAUSE;
    }
    return u < sleepingDogChance(action, b) ? ResponseType.SLEEPING_DOG : ResponseType.SURE_THING;
  }

  /**
   * The expected effect of {@code action} given the behaviour and the chance {@code lapse} that the
   * term would lapse without contact: what an ideal uplift model could learn.
   */
  static double meanEffect(Treatment action, Behaviour b, double lapse) {
    return lapse * persuadableChance(action, b) - (1 - lapse) * sleepingDogChance(action, b);
  }

  /** The effect of a type: renewal with the action minus renewal without it. */
  static double effect(ResponseType type, Treatment action) {
    switch (type) {
      case PERSUADABLE:
        return 1;
      case SLEEPING_DOG:
        return -1;
      case PARTLY_PERSUADABLE:
        return RetentionProgramme.saveRate(action);
      default:
        return 0;
    }
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
