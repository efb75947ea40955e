package io.lapsewatch.cli;

import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.retentiondesk.CaseAction;
import io.lapsewatch.retentiondesk.ResultKind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * When the simulated agents tap which result on which case, in simulated time (pure: same cases and
 * seed, same plan). An agent opens the link a while after the case opened (log-normal: a few hours
 * for a high-value callback, about a day for an offer), always before the deadline; some cases are
 * never opened and expire. The result follows what the simulated policyholder did: one who renewed
 * mostly accepts, one who lapsed declines or cannot be reached. A callback is sometimes logged as
 * REACHED first and its final result later.
 */
final class DemoAgentPlan {
  /** Share of cases nobody ever opens: they expire. */
  static final double NEVER_TAPPED = 0.10;

  /** Median delay from opening to the first tap: a callback task is urgent, an offer is not. */
  static final Duration CALLBACK_MEDIAN = Duration.ofHours(4);

  static final Duration OFFER_MEDIAN = Duration.ofHours(24);

  /** Median delay from REACHED to the final result of a callback. */
  static final Duration FOLLOW_UP_MEDIAN = Duration.ofHours(20);

  /** Share of callbacks whose agent first logs REACHED, then the final result. */
  static final double REACHED_FIRST = 0.4;

  /** Spread of the log-normal delays (sigma of the log). */
  private static final double SIGMA = 0.9;

  /** No tap sooner than this after the case opened (or the previous tap). */
  static final Duration SOONEST = Duration.ofMinutes(5);

  /** Every tap at least this long before the deadline. */
  static final Duration BEFORE_DEADLINE = Duration.ofMinutes(30);

  /**
   * A case as the agents see it: its link, when it opened, its deadline and action, and what the
   * simulated policyholder did (null when the demo does not know).
   */
  record AgentCase(
      String caseId,
      URI link,
      Instant openedAt,
      Instant deadline,
      CaseAction action,
      OutcomeKind truth) {}

  /** One tap on a case page: open the link at {@code at} and press {@code result}. */
  record Tap(String caseId, URI link, Instant at, ResultKind result) {}

  private DemoAgentPlan() {}

  /**
   * The taps on {@code cases}, in time order; none at or after {@code until} (the end of the
   * simulated world: those cases stay open).
   */
  static List<Tap> plan(List<AgentCase> cases, long seed, Instant until) {
    List<AgentCase> sorted = new ArrayList<>(cases);
    // The plan must not depend on the order the cases were found in.
    sorted.sort(Comparator.comparing(AgentCase::caseId));
    List<Tap> taps = new ArrayList<>();
    for (AgentCase c : sorted) {
      // One generator per case: adding a case elsewhere leaves this one's plan alone. Split-mix
      // seeding, since java.util.Random's first draws correlate across nearby seeds.
      RandomGenerator r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + c.caseId().hashCode());
      taps.addAll(forCase(c, r, until));
    }
    taps.sort(Comparator.comparing(Tap::at).thenComparing(Tap::caseId));
    return taps;
  }

  private static List<Tap> forCase(AgentCase c, RandomGenerator r, Instant until) {
    if (r.nextDouble() < NEVER_TAPPED) {
      return List.of();
    }
    Instant latest = c.deadline().minus(BEFORE_DEADLINE);
    Instant soonest = c.openedAt().plus(SOONEST);
    if (!soonest.isBefore(latest)) {
      // No time left to act: the case expires.
      return List.of();
    }
    boolean callback = c.action() == CaseAction.CALLBACK_TASK;
    Instant first =
        capped(
            c.openedAt().plus(logNormal(r, callback ? CALLBACK_MEDIAN : OFFER_MEDIAN)),
            soonest,
            latest);
    ResultKind result = result(c.truth(), r);
    List<Tap> taps = new ArrayList<>();
    boolean reachedFirst = callback && result.reached() && r.nextDouble() < REACHED_FIRST;
    Instant followSoonest = first.plus(SOONEST);
    if (reachedFirst && followSoonest.isBefore(latest)) {
      Instant last = capped(first.plus(logNormal(r, FOLLOW_UP_MEDIAN)), followSoonest, latest);
      taps.add(new Tap(c.caseId(), c.link(), first, ResultKind.REACHED));
      taps.add(new Tap(c.caseId(), c.link(), last, result));
    } else {
      taps.add(new Tap(c.caseId(), c.link(), first, result));
    }
    taps.removeIf(t -> !t.at().isBefore(until));
    return taps;
  }

  /** The final result given what the policyholder did. */
  static ResultKind result(OutcomeKind truth, RandomGenerator r) {
    double u = r.nextDouble();
    if (truth == OutcomeKind.RECOVERED) {
      return u < 0.85
          ? ResultKind.ACCEPTED
          : u < 0.95 ? ResultKind.DECLINED : ResultKind.UNREACHABLE;
    }
    if (truth == OutcomeKind.LAPSED) {
      return u < 0.5
          ? ResultKind.DECLINED
          : u < 0.85 ? ResultKind.UNREACHABLE : ResultKind.WRONG_CONTACT;
    }
    // Not known (yet): a plausible mix.
    return u < 0.5 ? ResultKind.ACCEPTED : u < 0.75 ? ResultKind.DECLINED : ResultKind.UNREACHABLE;
  }

  /** A log-normal delay with this median, to the second. */
  private static Duration logNormal(RandomGenerator r, Duration median) {
    double seconds = median.toSeconds() * Math.exp(SIGMA * r.nextGaussian());
    return Duration.ofSeconds(Math.round(seconds));
  }

  private static Instant capped(Instant t, Instant soonest, Instant latest) {
    return t.isBefore(soonest) ? soonest : t.isAfter(latest) ? latest : t;
  }
}
