package io.lapsewatch.journeys.engine;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.policy.AlertPolicy;
import io.lapsewatch.journeys.plan.ExitReason;
import io.lapsewatch.journeys.plan.JourneyPlan;
import io.lapsewatch.journeys.plan.JourneyPlans;
import io.lapsewatch.journeys.plan.PlanStep;
import io.lapsewatch.journeys.plan.StepAction;
import io.lapsewatch.journeys.plan.StepCondition;
import java.util.List;
import java.util.Optional;

/**
 * Moves one policyholder through a journey plan, in event time: pure, no clock and no I/O, so the
 * scoring job and tests drive it the same way. The caller keeps the {@link JourneyState} (null when
 * the policyholder is on no journey), applies signals in event-time order and calls {@link
 * #advance} when {@link #wakeUp} says something is due. Every step's alert has an id derived from
 * policyholder, term, plan, version and step, so a replay emits the same alerts, never new ones.
 *
 * <p>A journey whose steps are all taken or skipped is <em>completed</em> but stays until an exit
 * (renewal, lapse, opt-out, the term's end...) says how it ended, so exits count business outcomes
 * and a completed journey still holds the policyholder against lower-priority plans.
 *
 * <p>An at-risk alert that no plan admits goes out unchanged, as without journeys.
 */
public final class JourneyEngine {
  static final long DAY_MS = 86_400_000L;

  /** Days after the renewal date a journey waits for the term's end before giving up. */
  public static final int TERM_WINDOW_DAYS = 60;

  /** The "step" label of an exit after the last step. */
  public static final String END = "end";

  /** Window marker of a completed journey: no step left, waiting for the term's end. */
  private static final long DONE = Long.MAX_VALUE;

  private final JourneyPlans plans;
  private final JourneyListener listener;

  public JourneyEngine(JourneyPlans plans, JourneyListener listener) {
    this.plans = plans;
    this.listener = listener;
  }

  /**
   * Applies {@code signal} at its event time and then anything due by then; alerts to emit are
   * added to {@code out}.
   *
   * @return the state afterwards, or null when the policyholder is on no journey
   */
  public JourneyState apply(JourneyState s, JourneySignal signal, List<Alert> out) {
    long now = signal.at;
    switch (signal.kind) {
      case ERASURE -> {
        if (s != null) {
          exit(s, ExitReason.ERASED);
        }
        out.add(signal.alert);
        return null;
      }
      case CONSENT -> {
        if (s != null && signal.doNotContact) {
          exit(s, ExitReason.OPTED_OUT);
          return null;
        }
      }
      case RENEWED, LAPSED -> {
        if (onPolicy(s, signal)) {
          exit(s, signal.kind == SignalKind.RENEWED ? ExitReason.RENEWED : ExitReason.LAPSED);
          return null;
        }
      }
      case CALLBACK_RESULT -> {
        if (onPolicy(s, signal)) {
          if (isReached(signal.result) && exits(s, ExitReason.CONTACTED)) {
            exit(s, ExitReason.CONTACTED);
            return null;
          }
          if ("UNREACHABLE".equals(signal.result) || "WRONG_CONTACT".equals(signal.result)) {
            s.unreachable++;
          }
        }
      }
      case OFFER_RECEIVED -> {
        if (onPolicy(s, signal)) {
          if (exits(s, ExitReason.CONTACTED)) {
            exit(s, ExitReason.CONTACTED);
            return null;
          }
          s.offerReceived = true;
        }
      }
      case RISK -> {
        if (onPolicy(s, signal)) {
          s.score = signal.score;
          s.band = RiskBand.of(signal.score);
          s.lastSessionDay = Math.max(s.lastSessionDay, signal.lastSessionDay);
          Optional<JourneyPlan> plan = plans.find(s.plan, s.version);
          // Fallen means below the plan's band and below where the policyholder entered: a
          // client who entered under the band (a low decision threshold) is not out at once.
          if (plan.isPresent()
              && plan.get().exits().contains(ExitReason.RISK_FALLEN)
              && s.band.compareTo(plan.get().riskFallenBelow()) < 0
              && s.band.compareTo(s.entry.riskBand) < 0) {
            exit(s, ExitReason.RISK_FALLEN);
            return null;
          }
        }
      }
      case ALERT -> {
        return onAlert(s, signal.alert, out);
      }
    }
    return s == null ? null : advance(s, now, out);
  }

  private JourneyState onAlert(JourneyState s, Alert a, List<Alert> out) {
    if (s != null && a.policyId.equals(s.policyId()) && a.renewalDate == s.entry.renewalDate) {
      // The decision re-alerts a term whose risk band rose: the journey already owns the term.
      s.score = a.score;
      s.band = a.riskBand;
      return advance(s, a.asOf, out);
    }
    Optional<JourneyPlan> wanted = plans.entryFor(a);
    if (wanted.isEmpty()) {
      out.add(a);
      return s == null ? null : advance(s, a.asOf, out);
    }
    JourneyPlan p = wanted.get();
    if (s != null) {
      if (p.priority() <= s.priority) {
        listener.entryRefused(p.id(), p.version(), a.arm);
        return advance(s, a.asOf, out);
      }
      exit(s, ExitReason.PREEMPTED);
    }
    JourneyState fresh = new JourneyState();
    fresh.plan = p.id();
    fresh.version = p.version();
    fresh.priority = p.priority();
    fresh.entry = a;
    fresh.enteredAt = a.asOf;
    fresh.lastActionAt = a.asOf;
    fresh.score = a.score;
    fresh.band = a.riskBand;
    fresh.step = 0;
    openWindow(fresh, p.steps().get(0), a.asOf);
    listener.entered(p.id(), p.version(), a.arm);
    return advance(fresh, a.asOf, out);
  }

  /**
   * Takes or skips every step due by {@code now}, in order.
   *
   * @return the state afterwards, or null when the journey ended
   */
  public JourneyState advance(JourneyState s, long now, List<Alert> out) {
    while (true) {
      Optional<JourneyPlan> found = plans.find(s.plan, s.version);
      if (found.isEmpty()) {
        exit(s, ExitReason.WITHDRAWN);
        return null;
      }
      JourneyPlan plan = found.get();
      if (now >= termEnd(s)) {
        exit(s, ExitReason.TERM_ENDED);
        return null;
      }
      Optional<PlanStep> next = plan.step(s.step);
      if (next.isEmpty()) {
        return s; // completed: waiting for the term's end to say how it ended
      }
      PlanStep step = next.get();
      if (now < s.windowOpensAt) {
        return s;
      }
      boolean tooLate = dayOf(now) > s.entry.renewalDate;
      if (!tooLate && holds(step.when(), s)) {
        out.add(stepAlert(s, plan, step, now));
        listener.step(plan.id(), plan.version(), step.id(), StepResult.TAKEN, s.entry.arm);
        s.lastActionAt = now;
        s.contacted |= step.action().contactsPolicyholder();
      } else if (tooLate || now >= s.windowClosesAt) {
        listener.step(plan.id(), plan.version(), step.id(), StepResult.SKIPPED, s.entry.arm);
        if (step.exitIfSkipped()) {
          s.step = plan.steps().size();
          complete(s, plan);
          return s;
        }
      } else {
        return s; // inside the window, waiting for the condition
      }
      s.step++;
      Optional<PlanStep> following = plan.step(s.step);
      if (following.isPresent()) {
        openWindow(s, following.get(), now);
      } else {
        complete(s, plan);
      }
    }
  }

  /**
   * The earliest event time after {@code now} at which {@link #advance} may change {@code s}: the
   * next step's window opening or closing, or the end of the term's outcome window.
   */
  public static long wakeUp(JourneyState s, long now) {
    long at = termEnd(s);
    if (s.windowOpensAt == DONE) {
      return at;
    }
    if (s.windowOpensAt > now) {
      at = Math.min(at, s.windowOpensAt);
    } else if (s.windowClosesAt > now) {
      at = Math.min(at, s.windowClosesAt);
    }
    return at;
  }

  /** True when {@code s} is on a journey that ends when {@code signal}'s term ends. */
  private static boolean onPolicy(JourneyState s, JourneySignal signal) {
    return s != null && signal.policyId != null && signal.policyId.equals(s.policyId());
  }

  private boolean exits(JourneyState s, ExitReason reason) {
    return plans.find(s.plan, s.version).map(p -> p.exits().contains(reason)).orElse(false);
  }

  private static boolean isReached(String result) {
    return "REACHED".equals(result) || "ACCEPTED".equals(result) || "DECLINED".equals(result);
  }

  private void exit(JourneyState s, ExitReason reason) {
    String atStep =
        plans.find(s.plan, s.version).flatMap(p -> p.step(s.step)).map(PlanStep::id).orElse(END);
    if (!atStep.equals(END)) {
      listener.step(s.plan, s.version, atStep, StepResult.CANCELLED, s.entry.arm);
    }
    listener.exited(s.plan, s.version, atStep, reason, s.entry.arm);
  }

  private void complete(JourneyState s, JourneyPlan plan) {
    s.windowOpensAt = DONE;
    s.windowClosesAt = DONE;
    listener.completed(plan.id(), plan.version(), s.entry.arm);
  }

  private static void openWindow(JourneyState s, PlanStep step, long from) {
    s.windowOpensAt = from + step.afterDays() * DAY_MS;
    s.windowClosesAt = s.windowOpensAt + step.withinDays() * DAY_MS;
  }

  static boolean holds(StepCondition c, JourneyState s) {
    if (c.engagedSinceLastStep() != null
        && c.engagedSinceLastStep() != (s.lastSessionDay > dayOf(s.lastActionAt))) {
      return false;
    }
    if (c.riskAtLeast() != null && (s.band == null || s.band.compareTo(c.riskAtLeast()) < 0)) {
      return false;
    }
    if (c.riskAtLeastEntry() && (s.band == null || s.band.compareTo(s.entry.riskBand) < 0)) {
      return false;
    }
    if (s.unreachable < c.callbackUnreachableAtLeast()) {
      return false;
    }
    return c.offerReceived() == null || c.offerReceived() == s.offerReceived;
  }

  /** The alert a step sends: the entry alert's term and client, the step's action, now. */
  static Alert stepAlert(JourneyState s, JourneyPlan plan, PlanStep step, long now) {
    Alert e = s.entry;
    Alert a = new Alert();
    a.alertId =
        AlertPolicy.alertId(
            e.policyholderId,
            e.policyId,
            e.renewalDate,
            // The entry alert's id is in it: a term that re-enters (a re-alert after its risk fell)
            // gets new step ids, while a replay of the same entry gets the same ones.
            "journey:" + plan.id() + ":v" + plan.version() + ":" + step.id() + ":" + e.alertId);
    a.policyholderId = e.policyholderId;
    a.policyId = e.policyId;
    a.agentId = e.agentId;
    a.score = s.score;
    a.riskBand = s.band;
    a.modelVersion = e.modelVersion;
    a.asOf = now;
    a.renewalDate = e.renewalDate;
    a.daysToRenewal = e.renewalDate - dayOf(now);
    a.annualPremium = e.annualPremium;
    a.tier = e.tier;
    a.arm = e.arm;
    a.reasons = e.reasons;
    a.product = e.product;
    a.orphaned = e.orphaned;
    // The step acts on the entry's features, so their evidence is older by the time since entry.
    a.featureAgeSeconds =
        e.featureAgeSeconds == null
            ? null
            : e.featureAgeSeconds + Math.max(0, (now - e.asOf) / 1000);
    // The decision's deadline while it lies ahead; a later step has until the renewal date.
    a.deadline = dayOf(now) <= e.deadline ? e.deadline : e.renewalDate;
    a.journey = plan.id();
    a.journeyVersion = plan.version();
    a.journeyStep = step.id();
    a.followUp = s.contacted;
    StepAction action = step.action();
    switch (action.kind()) {
      case RENEWAL_OFFER -> {
        a.action = RetentionAction.RENEWAL_OFFER;
        a.offerChannel = action.offerChannel();
      }
      case CALLBACK -> {
        a.action = RetentionAction.AGENT_CALLBACK;
        if (e.action != RetentionAction.AGENT_CALLBACK && (e.orphaned || e.agentId == null)) {
          // A callback needs someone to make it, as in the decision's own callbacks.
          a.agentId = AlertPolicy.SENIOR_AGENT_POOL;
        }
      }
      case MESSAGE -> {
        a.action = e.action;
        a.messageTo = action.messageTo();
      }
    }
    return a;
  }

  private static long termEnd(JourneyState s) {
    return (s.entry.renewalDate + 1L + TERM_WINDOW_DAYS) * DAY_MS;
  }

  static int dayOf(long epochMs) {
    return (int) Math.floorDiv(epochMs, DAY_MS);
  }
}
