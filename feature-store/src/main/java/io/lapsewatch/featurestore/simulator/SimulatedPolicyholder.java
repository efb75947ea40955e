package io.lapsewatch.featurestore.simulator;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated policyholder: hidden traits, policies and the events still scheduled for them. Each
 * simulated day it may emit sessions, payments, claims, complaints, surveys and contacts; about 45
 * days before each renewal it decides, from a hidden propensity made of its observable behaviour
 * plus noise, whether it will lapse, and its behaviour before renewal follows that intent.
 */
final class SimulatedPolicyholder {
  private static final String[] PRODUCTS = {"MOTOR", "HOME", "HEALTH", "LIFE", "TRAVEL"};
  private static final String[] PAGES = {"HOME", "POLICY", "CLAIMS", "PAYMENT", "DOCUMENTS"};
  private static final String[] DIGITAL = {"APP", "WECHAT", "WEB"};
  private static final String[] TOPICS = {
    "BILLING", "ADDRESS_CHANGE", "CLAIM_STATUS", "COVERAGE_QUESTION"
  };
  static final int QUOTE_LEAD_DAYS = 45;
  static final int GRACE_DAYS = 30;
  private static final long TYPE_STREAM = 0x7E57AB1EL;
  // The lapse logit's noise and the probit-style factor that turns the mean logit into P(lapse).
  private static final double INTENT_NOISE = 0.9;
  private static final double NOISE_SHRINK =
      Math.sqrt(1 + Math.PI * INTENT_NOISE * INTENT_NOISE / 8);

  /** A policy term as the simulator sees it. */
  static final class SimPolicy {
    String id;
    String product;
    String channel;
    String agentId;
    double premium;
    double quotedPremium;
    int renewalDay;
    int dueOffset;
    boolean lapseIntent;
    boolean decided;
    boolean ended;
    boolean orphaned;
    RetentionProgramme.Treatment treatment = RetentionProgramme.Treatment.NONE;
    RetentionProgramme.Treatment followUp = RetentionProgramme.Treatment.NONE;
    // The heterogeneous world's hidden response types of this term, drawn at its quote.
    ResponseType offerType;
    ResponseType callbackType;
  }

  /** An event scheduled for a later day. */
  private record Pending(int day, PolicyEvent event) {}

  private final String id;
  private final SplittableRandom rng;
  private final double satisfaction;
  private final double priceSensitivity;
  private final double sessionRate;
  private final double financialStress;
  private final List<SimPolicy> policies = new ArrayList<>(2);
  private final List<Pending> pending = new ArrayList<>(2);
  private int seq;
  private int complaintSeq;
  private int claimSeq;
  private int openComplaints;
  private int missedRecently;
  private int lastMissDay = Integer.MIN_VALUE;
  private int rejectedClaimDay = Integer.MIN_VALUE;
  private int recentSessions;
  private final TreatmentEffects effects;
  private final TreatmentTruth truth;
  // Response types draw from their own stream, so the history without contact is the same in both
  // worlds and the homogeneous world draws exactly what it always drew.
  private final SplittableRandom typeRng;
  private int firstStartDay = Integer.MAX_VALUE;
  private final DriftPlan drift;

  String id() {
    return id;
  }

  SimulatedPolicyholder(int index, long seed, int firstDay) {
    this(index, seed, firstDay, TreatmentEffects.HOMOGENEOUS, null, DriftPlan.NONE);
  }

  /**
   * A policyholder of the world {@code effects}, recording each term's ground truth into {@code
   * truth} (null: none), living through the shifts of {@code drift}.
   */
  SimulatedPolicyholder(
      int index,
      long seed,
      int firstDay,
      TreatmentEffects effects,
      TreatmentTruth truth,
      DriftPlan drift) {
    this.drift = drift;
    this.effects = effects;
    this.truth = truth;
    this.typeRng =
        effects == TreatmentEffects.HETEROGENEOUS
            ? new SplittableRandom(mix(seed ^ TYPE_STREAM, index))
            : null;
    this.id = String.format("PH%08d", index);
    this.rng = new SplittableRandom(mix(seed, index));
    this.satisfaction = gaussian();
    this.priceSensitivity = 0.5 + rng.nextDouble();
    this.sessionRate = Math.exp(-2.8 + 0.8 * gaussian() + 0.4 * satisfaction);
    this.financialStress = Math.max(0, gaussian());
    int count = 1 + (rng.nextDouble() < 0.35 ? 1 : 0) + (rng.nextDouble() < 0.1 ? 1 : 0);
    int tenureYears = 1 + rng.nextInt(12);
    String agent = String.format("AG%04d", rng.nextInt(2000));
    for (int k = 0; k < count; k++) {
      SimPolicy p = new SimPolicy();
      p.id = String.format("PO%08d-%d", index, k);
      p.product = PRODUCTS[rng.nextInt(PRODUCTS.length)];
      double c = rng.nextDouble();
      p.channel = c < 0.55 ? "AGENT" : c < 0.85 ? "DIRECT" : c < 0.95 ? "BROKER" : "BANK";
      p.agentId = "DIRECT".equals(p.channel) ? null : agent;
      double median = "LIFE".equals(p.product) || "HEALTH".equals(p.product) ? 2400 : 1100;
      p.premium = Math.round(median * Math.exp(0.8 * gaussian()) * 100) / 100.0;
      p.renewalDay = firstDay + 20 + rng.nextInt(365);
      p.dueOffset = rng.nextInt(30);
      policies.add(p);
      PolicyEvent e = event(EventType.POLICY_ISSUED, firstDay, p.id);
      e.product = p.product;
      e.channel = p.channel;
      e.agentId = p.agentId;
      e.annualPremium = p.premium;
      e.startDate = p.renewalDay - 365 * (k == 0 ? tenureYears : 1 + rng.nextInt(tenureYears));
      e.endDate = p.renewalDay;
      firstStartDay = Math.min(firstStartDay, e.startDate);
      schedule(firstDay, e);
    }
  }

  /** Emits this policyholder's events for {@code day} into {@code out}. */
  void simulateDay(int day, List<PolicyEvent> out) {
    boolean active = false;
    for (SimPolicy p : policies) {
      if (!p.ended) {
        active = true;
        policyDay(p, day);
      }
    }
    if (active) {
      behaviourDay(day);
    }
    for (int i = 0; i < pending.size(); ) {
      Pending pe = pending.get(i);
      if (pe.day() <= day) {
        out.add(pe.event());
        pending.remove(i);
        if (pe.event().type == EventType.COMPLAINT_RESOLVED) {
          openComplaints = Math.max(0, openComplaints - 1);
        }
      } else {
        i++;
      }
    }
  }

  /** True once every policy has ended and nothing is left to emit. */
  boolean finished() {
    if (!pending.isEmpty()) {
      return false;
    }
    for (SimPolicy p : policies) {
      if (!p.ended) {
        return false;
      }
    }
    return true;
  }

  private void policyDay(SimPolicy p, int day) {
    if ((day - p.renewalDay + 3650 + p.dueOffset) % 30 == 0) {
      premiumDue(p, day);
    }
    // ">=": a policy already inside the quote window when the simulation starts is quoted at once.
    if (!p.decided && day >= p.renewalDay - QUOTE_LEAD_DAYS && day <= p.renewalDay) {
      quote(p, day);
    }
    if (p.decided && day == p.renewalDay) {
      renewOrLapse(p, day);
    }
    if (!p.decided && rng.nextDouble() < 0.015 / 365 * Math.exp(-0.5 * satisfaction)) {
      p.ended = true;
      schedule(day, event(EventType.POLICY_CANCELLED, day, p.id));
    }
    if (p.agentId != null && !p.orphaned && rng.nextDouble() < 0.08 / 365) {
      for (SimPolicy q : policies) {
        if (p.agentId.equals(q.agentId)) {
          q.orphaned = true;
        }
      }
      PolicyEvent e = event(EventType.AGENT_LEFT, day, p.id);
      e.agentId = p.agentId;
      schedule(day, e);
    }
  }

  private void premiumDue(SimPolicy p, int day) {
    double missProbability = sigmoid(-3.4 - 0.6 * satisfaction + 1.1 * financialStress);
    PolicyEvent e;
    if (rng.nextDouble() < missProbability) {
      e = event(EventType.PREMIUM_MISSED, day, p.id);
      missedRecently = day - lastMissDay < 180 ? missedRecently + 1 : 1;
      lastMissDay = day;
      if (rng.nextDouble() < 0.75) {
        PolicyEvent late = event(EventType.PREMIUM_PAID, day + 5 + rng.nextInt(20), p.id);
        late.amount = round2(p.premium / 12);
        schedule(late.day(), late);
      }
    } else {
      e = event(EventType.PREMIUM_PAID, day, p.id);
    }
    e.amount = round2(p.premium / 12);
    schedule(day, e);
  }

  private void quote(SimPolicy p, int day) {
    double change = 0.04 + 0.08 * gaussian();
    change = Math.max(-0.15, Math.min(0.45, change));
    // A price-rise drift comes on top of the term's own change and draws nothing, so every other
    // draw (and the history before the rise) stays the same.
    double rise = drift.priceRiseOn(day);
    if (rise > 0) {
      change = (1 + change) * (1 + rise) - 1;
    }
    p.quotedPremium = round2(p.premium * (1 + change));
    PolicyEvent e = event(EventType.RENEWAL_QUOTED, day, p.id);
    e.lastPremium = p.premium;
    e.newPremium = p.quotedPremium;
    schedule(day, e);

    boolean rejectedRecently = day - rejectedClaimDay < 365;
    boolean missed = day - lastMissDay < 180;
    // Summed in the same order as always (then the noise), so the homogeneous world is unchanged.
    double mean =
        -3.4
            - 0.7 * satisfaction
            + 7.0 * Math.max(0, change) * priceSensitivity
            + 0.6 * Math.min(3, openComplaints)
            + (p.orphaned ? 0.9 : 0)
            + (missed ? 0.45 * Math.min(3, missedRecently) : 0)
            + (rejectedRecently ? 0.8 : 0)
            + (recentSessions < 2 ? 0.5 : 0)
            + BehaviourDrift.SHOPPING_LOGIT_PER_RISE * rise;
    double logit = mean + INTENT_NOISE * gaussian();
    p.lapseIntent = rng.nextDouble() < sigmoid(logit);
    p.decided = true;
    if (typeRng == null && truth == null) {
      return;
    }
    ResponseTypes.Behaviour b =
        new ResponseTypes.Behaviour(
            change,
            Math.min(3, openComplaints),
            p.orphaned,
            missed ? Math.min(3, missedRecently) : 0,
            rejectedRecently,
            "AGENT".equals(p.channel),
            (day - firstStartDay) / 365.0,
            recentSessions);
    if (typeRng != null) {
      // Always two draws, offer then callback, so one term's types never shift another's.
      double uOffer = typeRng.nextDouble();
      double uCallback = typeRng.nextDouble();
      p.offerType =
          ResponseTypes.draw(RetentionProgramme.Treatment.RENEWAL_OFFER, p.lapseIntent, b, uOffer);
      p.callbackType =
          ResponseTypes.draw(
              RetentionProgramme.Treatment.AGENT_CALLBACK, p.lapseIntent, b, uCallback);
    }
    if (truth != null) {
      recordTruth(p, mean, b);
    }
  }

  private void recordTruth(SimPolicy p, double meanLogit, ResponseTypes.Behaviour b) {
    double lapse = sigmoid(meanLogit / NOISE_SHRINK);
    java.util.Map<RetentionProgramme.Treatment, TreatmentTruth.ActionTruth> actions =
        new java.util.EnumMap<>(RetentionProgramme.Treatment.class);
    for (RetentionProgramme.Treatment a :
        new RetentionProgramme.Treatment[] {
          RetentionProgramme.Treatment.RENEWAL_OFFER, RetentionProgramme.Treatment.AGENT_CALLBACK
        }) {
      ResponseType type;
      double mean;
      if (typeRng != null) {
        type = typeOf(p, a);
        mean = ResponseTypes.meanEffect(a, b, lapse);
      } else {
        type = p.lapseIntent ? ResponseType.PARTLY_PERSUADABLE : ResponseType.SURE_THING;
        mean = lapse * RetentionProgramme.saveRate(a);
      }
      actions.put(a, new TreatmentTruth.ActionTruth(type, ResponseTypes.effect(type, a), mean));
    }
    truth.record(
        new TreatmentTruth.TermTruth(
            new TreatmentTruth.Term(id, p.id, java.time.LocalDate.ofEpochDay(p.renewalDay)),
            meanLogit,
            p.lapseIntent,
            actions));
  }

  private static ResponseType typeOf(SimPolicy p, RetentionProgramme.Treatment t) {
    switch (t) {
      case RENEWAL_OFFER:
        return p.offerType;
      case AGENT_CALLBACK:
        return p.callbackType;
      default:
        return null;
    }
  }

  /**
   * The retention programme acts on the term of {@code policyId} renewing on {@code renewalDay}:
   * the action reaches the policyholder in a few days, and at renewal it may change their mind.
   */
  void treat(String policyId, int renewalDay, RetentionProgramme.Treatment t, int day) {
    for (SimPolicy p : policies) {
      if (p.id.equals(policyId)
          && p.renewalDay == renewalDay
          && !p.ended
          && p.treatment == RetentionProgramme.Treatment.NONE) {
        p.treatment = t;
        deliver(p, t, day, "-offer-");
      }
    }
  }

  /**
   * A journey's later step on the term of {@code policyId} (e.g. a callback after the offer): it
   * reaches the policyholder as a first treatment does, and at renewal gives a would-be lapser the
   * first treatment did not keep a further {@link RetentionProgramme#followUpSaveRate} chance. A
   * term not yet treated takes it as its first treatment. Each step is delivered as it comes; the
   * save chance is the first follow-up's.
   */
  void followUp(String policyId, int renewalDay, RetentionProgramme.Treatment t, int day) {
    for (SimPolicy p : policies) {
      if (p.id.equals(policyId) && p.renewalDay == renewalDay && !p.ended) {
        if (p.treatment == RetentionProgramme.Treatment.NONE) {
          treat(policyId, renewalDay, t, day);
          return;
        }
        if (p.followUp == RetentionProgramme.Treatment.NONE) {
          p.followUp = t;
        }
        // Its own offer reference: the desk and the job see a second offer, not the first again.
        deliver(p, t, day, "-offer2-");
      }
    }
  }

  /** The treatment's event, a few days later (never after the day before renewal). */
  private void deliver(SimPolicy p, RetentionProgramme.Treatment t, int day, String offerRef) {
    int at = Math.min(day + 1 + rng.nextInt(3), p.renewalDay - 1);
    PolicyEvent e =
        event(
            t == RetentionProgramme.Treatment.AGENT_CALLBACK
                ? EventType.CALLBACK_COMPLETED
                : EventType.OFFER_SENT,
            Math.max(day, at),
            p.id);
    if (e.type == EventType.OFFER_SENT) {
      e.refId = p.id + offerRef + p.renewalDay;
    } else {
      e.topic = "REACHED";
    }
    schedule(e.day(), e);
  }

  private void renewOrLapse(SimPolicy p, int day) {
    if (typeRng != null) {
      respondByType(p);
    } else {
      respondAtFixedRates(p);
    }
    p.treatment = RetentionProgramme.Treatment.NONE;
    p.followUp = RetentionProgramme.Treatment.NONE;
    p.offerType = null;
    p.callbackType = null;
    if (p.lapseIntent) {
      p.ended = true;
      schedule(day + GRACE_DAYS, event(EventType.POLICY_LAPSED, day + GRACE_DAYS, p.id));
      return;
    }
    PolicyEvent e = event(EventType.POLICY_RENEWED, day, p.id);
    e.annualPremium = p.quotedPremium;
    e.endDate = p.renewalDay + 365;
    schedule(day, e);
    p.premium = p.quotedPremium;
    p.renewalDay += 365;
    p.decided = false;
  }

  /**
   * The heterogeneous world: a would-be lapser renews if any action it received persuades it; a
   * would-be renewer lapses if any action it received is one it is a sleeping dog for.
   */
  private static void respondByType(SimPolicy p) {
    ResponseType first = typeOf(p, p.treatment);
    ResponseType second = typeOf(p, p.followUp);
    if (p.lapseIntent) {
      p.lapseIntent = first != ResponseType.PERSUADABLE && second != ResponseType.PERSUADABLE;
    } else {
      p.lapseIntent = first == ResponseType.SLEEPING_DOG || second == ResponseType.SLEEPING_DOG;
    }
  }

  /** The homogeneous world: each treatment keeps a fixed share of the would-be lapsers. */
  private void respondAtFixedRates(SimPolicy p) {
    if (p.lapseIntent
        && p.treatment != RetentionProgramme.Treatment.NONE
        && rng.nextDouble() < RetentionProgramme.saveRate(p.treatment)) {
      p.lapseIntent = false;
    }
    if (p.lapseIntent
        && p.followUp != RetentionProgramme.Treatment.NONE
        && rng.nextDouble() < RetentionProgramme.followUpSaveRate(p.followUp)) {
      p.lapseIntent = false;
    }
  }

  private boolean intendsToLapseSoon(int day) {
    for (SimPolicy p : policies) {
      if (!p.ended && p.decided && p.lapseIntent && day >= p.renewalDay - QUOTE_LEAD_DAYS) {
        return true;
      }
    }
    return false;
  }

  private boolean inRenewalWindow(int day) {
    for (SimPolicy p : policies) {
      if (!p.ended && day >= p.renewalDay - QUOTE_LEAD_DAYS && day <= p.renewalDay) {
        return true;
      }
    }
    return false;
  }

  private void behaviourDay(int day) {
    boolean leaving = intendsToLapseSoon(day);
    double rate = sessionRate * (leaving ? 0.35 : 1.0);
    int sessions = poisson(rate);
    recentSessions = (int) Math.round(recentSessions * 0.967 + sessions);
    // In an outage the policyholder still means to use the app (the same draws, the same
    // engagement behind their lapse intent); only the session events never arrive.
    boolean silenced = drift.sessionsSilenced(day);
    for (int i = 0; i < sessions; i++) {
      // Built even when silenced, so its draws and event id are spent as without the outage.
      PolicyEvent e = event(EventType.DIGITAL_SESSION, day, null);
      e.channel = DIGITAL[rng.nextInt(DIGITAL.length)];
      boolean renewalPage = inRenewalWindow(day) && rng.nextDouble() < (leaving ? 0.6 : 0.3);
      e.page = renewalPage ? "RENEWAL" : PAGES[rng.nextInt(PAGES.length)];
      if (!silenced) {
        schedule(day, e);
      }
    }
    if (rng.nextDouble() < 0.35 / 365 * Math.exp(-0.9 * satisfaction)) {
      PolicyEvent e = event(EventType.COMPLAINT_OPENED, day, firstActivePolicy());
      e.refId = id + "-C" + (complaintSeq++);
      schedule(day, e);
      openComplaints++;
      int resolveIn = rng.nextDouble() < 0.75 ? 2 + rng.nextInt(25) : 30 + rng.nextInt(120);
      PolicyEvent r = event(EventType.COMPLAINT_RESOLVED, day + resolveIn, e.policyId);
      r.refId = e.refId;
      schedule(r.day(), r);
    }
    double contactRate = 1.5 / 365 + (leaving ? 0.012 : 0);
    if (rng.nextDouble() < contactRate) {
      PolicyEvent e = event(EventType.SERVICE_CONTACT, day, null);
      e.topic =
          leaving && rng.nextDouble() < 0.6 || rng.nextDouble() < 0.03
              ? "CANCELLATION_ENQUIRY"
              : TOPICS[rng.nextInt(TOPICS.length)];
      schedule(day, e);
    }
    if (rng.nextDouble() < 0.3 / 365 * policies.size()) {
      claim(day);
    }
    if (rng.nextDouble() < 1.0 / 120) {
      survey(day);
    }
  }

  private void claim(int day) {
    PolicyEvent e = event(EventType.CLAIM_FILED, day, firstActivePolicy());
    e.refId = id + "-L" + (claimSeq++);
    e.amount = round2(300 * Math.exp(1.2 * gaussian()));
    schedule(day, e);
    int settle =
        5 + (int) Math.round(-25 * Math.exp(-0.3 * satisfaction) * Math.log(1 - rng.nextDouble()));
    boolean approved = rng.nextDouble() < Math.min(0.97, 0.86 + 0.05 * satisfaction);
    PolicyEvent s = event(EventType.CLAIM_SETTLED, day + settle, e.policyId);
    s.refId = e.refId;
    s.approved = approved;
    s.daysToSettle = settle;
    schedule(s.day(), s);
    if (!approved) {
      rejectedClaimDay = day + settle;
    }
    if (rng.nextDouble() < 0.5) {
      PolicyEvent survey = event(EventType.SURVEY_RESPONSE, day + settle + 1, null);
      survey.survey = "CSAT";
      survey.score =
          clamp(
              (int)
                  Math.round(
                      4
                          + 0.7 * satisfaction
                          - (approved ? 0 : 2)
                          - settle / 60.0
                          + 0.6 * gaussian()),
              1,
              5);
      schedule(survey.day(), survey);
    }
  }

  private void survey(int day) {
    PolicyEvent e = event(EventType.SURVEY_RESPONSE, day, null);
    if (rng.nextDouble() < 0.6) {
      e.survey = "NPS";
      e.score =
          clamp(
              (int) Math.round(7 + 1.8 * satisfaction - 1.2 * openComplaints + 1.4 * gaussian()),
              0,
              10);
    } else {
      e.survey = "CSAT";
      e.score = clamp((int) Math.round(4 + 0.8 * satisfaction + 0.7 * gaussian()), 1, 5);
    }
    schedule(day, e);
  }

  private String firstActivePolicy() {
    for (SimPolicy p : policies) {
      if (!p.ended) {
        return p.id;
      }
    }
    return policies.get(0).id;
  }

  private void schedule(int day, PolicyEvent e) {
    pending.add(new Pending(day, e));
  }

  private PolicyEvent event(EventType type, int day, String policyId) {
    PolicyEvent e = new PolicyEvent();
    e.eventId = id + "-" + (seq++);
    e.policyholderId = id;
    e.type = type;
    e.policyId = policyId;
    e.occurredAt = atTimeOfDay(day);
    return e;
  }

  private long atTimeOfDay(int day) {
    // Business hours 07:00-22:00 UTC, to the second.
    return day * 86_400_000L + (7 * 3600 + rng.nextInt(15 * 3600)) * 1000L;
  }

  private int poisson(double lambda) {
    double l = Math.exp(-lambda);
    int k = 0;
    double p = rng.nextDouble();
    while (p > l) {
      k++;
      p *= rng.nextDouble();
    }
    return k;
  }

  private double gaussian() {
    // Box-Muller on the holder's own generator, so results never depend on other holders.
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double round2(double d) {
    return Math.round(d * 100) / 100.0;
  }

  private static long mix(long seed, int index) {
    long z = seed * 0x9E3779B97F4A7C15L + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
