package io.lapsewatch.cli;

import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.RetentionDesk;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The demo's simulated agents: they open the case link of each delivered message and tap a result
 * through the real case pages, in simulated time ({@link DemoAgentPlan}), moving the desk's clock
 * to each tap; between taps the desk's escalation pass runs in the same simulated time, so the
 * cases nobody contacted within their service level escalate (level 1: the branch lead is told,
 * level 2: the senior pool takes them). At the end of the live period the desk expires what nobody
 * finished.
 */
final class DemoAgents {
  /** How long the desk may take to open the cases of the delivered messages. */
  private static final Duration OPENING_WAIT = Duration.ofSeconds(120);

  /**
   * How often, in the desk's simulated time, the demo runs the desk's escalation pass while the
   * agents work (the service's own schedule runs by the wall clock and is off in the demo): a
   * breach escalates within this long of the service level.
   */
  static final Duration ESCALATION_PASS = Duration.ofHours(12);

  /** At most this many failures are kept to print; all are counted. */
  private static final int FAILURES_SHOWN = 5;

  /**
   * What the agents did and how the cases ended.
   *
   * @param linksFound case links in the delivered messages
   * @param casesWithoutLink cases no delivered message links to (agents cannot reach them)
   * @param failedTaps taps the pages did not take (any answer but 200 then 303)
   * @param failures the first few of them, each naming the case and the answer
   * @param expiredAtEnd cases the final expiry closed at {@code clockAtEnd}
   * @param sampleLink a case link still valid at {@code clockAtEnd}, to open by hand
   */
  record Report(
      int linksFound,
      int casesWithoutLink,
      int tapsPlanned,
      int failedTaps,
      List<String> failures,
      int expiredAtEnd,
      Instant clockAtEnd,
      DemoDeskFigures figures,
      Optional<URI> sampleLink) {}

  private final RetentionDesk desk;
  private final DemoClock clock;
  private final DemoProgress progress;
  private final DemoCasePage page = new DemoCasePage();

  /** Escalation steps the passes applied so far, and the wall time the passes took. */
  private int escalationSteps;

  private long escalationNanos;

  DemoAgents(RetentionDesk desk, DemoClock clock, DemoProgress progress) {
    this.desk = desk;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Works every case linked from {@code links}; results follow {@code truthByAlert} (the outcomes
   * of the simulated policyholders, by alert id); the world ends at {@code liveEnd}.
   */
  Report work(
      Map<String, URI> links, Map<String, OutcomeKind> truthByAlert, long seed, Instant liveEnd)
      throws IOException, InterruptedException, TimeoutException {
    List<RetentionCase> linked = awaitOpened(links.keySet());
    List<DemoAgentPlan.AgentCase> cases = new ArrayList<>();
    for (RetentionCase c : linked) {
      cases.add(
          new DemoAgentPlan.AgentCase(
              c.caseId(),
              links.get(c.caseId()),
              c.openedAt(),
              c.deadline(),
              c.action(),
              truthByAlert.get(c.alertId())));
    }
    List<DemoAgentPlan.Tap> taps = DemoAgentPlan.plan(cases, seed, liveEnd);
    progress.detailf(
        "%,d case links in the delivered messages; %,d taps planned in simulated time%n",
        links.size(), taps.size());
    List<String> failures = new ArrayList<>();
    int failed = 0;
    int done = 0;
    Instant nextPass = clock.instant().plus(ESCALATION_PASS);
    for (DemoAgentPlan.Tap tap : taps) {
      nextPass = escalateUntil(nextPass, tap.at());
      clock.moveTo(tap.at());
      Optional<String> wrong = page.tap(tap.link(), tap.result());
      if (wrong.isPresent()) {
        failed++;
        if (failures.size() < FAILURES_SHOWN) {
          failures.add("case " + tap.caseId() + " at " + tap.at() + ": " + wrong.get());
        }
      }
      if (++done % 250 == 0) {
        progress.detailf(
            "agents: %,d of %,d taps, %,d escalation steps (desk clock %s)%n",
            done, taps.size(), escalationSteps, tap.at());
      }
    }
    escalateUntil(nextPass, liveEnd);
    progress.detailf(
        "%,d escalation steps in passes every %d h of desk time (the passes took %.1f s)%n",
        escalationSteps, ESCALATION_PASS.toHours(), escalationNanos / 1e9);
    clock.moveTo(later(liveEnd, clock.instant()));
    int expired = desk.expireOverdue(clock.instant());
    Set<String> all = new LinkedHashSet<>(desk.cases().allCases());
    List<RetentionCase> every = awaitExpired(all, expired);
    int withoutLink = (int) all.stream().filter(id -> !links.containsKey(id)).count();
    return new Report(
        links.size(),
        withoutLink,
        taps.size(),
        failed,
        failures,
        expired,
        clock.instant(),
        DemoDeskFigures.of(every),
        sample(linked, links, clock.instant()));
  }

  /**
   * Runs the escalation pass every {@link #ESCALATION_PASS} of desk time from {@code next} up to
   * {@code until}, moving the clock to each pass.
   *
   * @return when the next pass is due
   */
  private Instant escalateUntil(Instant next, Instant until) throws InterruptedException {
    while (!next.isAfter(until)) {
      clock.moveTo(next);
      long t0 = System.nanoTime();
      escalationSteps += desk.escalateDue(next);
      escalationNanos += System.nanoTime() - t0;
      next = next.plus(ESCALATION_PASS);
    }
    return next;
  }

  /** The cases of {@code caseIds}, once the desk has opened every one of them. */
  private List<RetentionCase> awaitOpened(Set<String> caseIds)
      throws InterruptedException, TimeoutException {
    long waitUntil = System.nanoTime() + OPENING_WAIT.toNanos();
    while (true) {
      desk.awaitCaughtUp();
      List<RetentionCase> found = new ArrayList<>();
      for (String id : caseIds) {
        desk.find(id).ifPresent(found::add);
      }
      if (found.size() == caseIds.size()) {
        return found;
      }
      if (System.nanoTime() > waitUntil) {
        throw new IllegalStateException(
            "the retention desk opened "
                + found.size()
                + " of the "
                + caseIds.size()
                + " cases the delivered messages link to within "
                + OPENING_WAIT.toSeconds()
                + " s");
      }
      progress.detailf("desk: %,d of %,d linked cases opened%n", found.size(), caseIds.size());
      Thread.sleep(1_000); // a progress line a second while the condition above is polled
    }
  }

  /**
   * The cases of {@code caseIds} once the projection shows the {@code expired} expiries just
   * written (the demo's scheduled expiry is off, so these are all there are).
   */
  private List<RetentionCase> awaitExpired(Set<String> caseIds, int expired)
      throws InterruptedException, TimeoutException {
    long waitUntil = System.nanoTime() + OPENING_WAIT.toNanos();
    while (true) {
      desk.awaitCaughtUp();
      List<RetentionCase> every = new ArrayList<>();
      for (String id : caseIds) {
        desk.find(id).ifPresent(every::add);
      }
      if (DemoDeskFigures.of(every).expired() >= expired) {
        return every;
      }
      if (System.nanoTime() > waitUntil) {
        throw new IllegalStateException(
            "the retention desk did not show the " + expired + " expired cases in time");
      }
      Thread.sleep(200); // polls the projection; the expiry is committed, it shows shortly
    }
  }

  /** The link of the case due last, if its link is still valid at {@code now}. */
  private Optional<URI> sample(List<RetentionCase> cases, Map<String, URI> links, Instant now) {
    return cases.stream()
        .max(Comparator.comparing(RetentionCase::deadline).thenComparing(RetentionCase::caseId))
        .filter(c -> linkExpiry(links.get(c.caseId())).isAfter(now))
        .map(c -> links.get(c.caseId()));
  }

  /** The expiry a case link's token names ({@code t=<epoch seconds>.<signature>}). */
  static Instant linkExpiry(URI link) {
    String query = link.getRawQuery();
    String token = query.substring(query.indexOf("t=") + 2);
    return Instant.ofEpochSecond(Long.parseLong(token.substring(0, token.indexOf('.'))));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
