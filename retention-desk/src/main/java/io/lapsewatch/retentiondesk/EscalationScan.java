package io.lapsewatch.retentiondesk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the desk's escalation: appends the step each unfinished, uncontacted case is due for
 * ({@link Escalations}), tells the observer and the {@link EscalationNotice} once a step is
 * applied, and offers a step's notice again on later passes until it was handled (a failed message,
 * or an instance that died between committing the step and telling the lead), for at most the
 * senior-pool period after the step.
 */
final class EscalationScan {
  private static final Logger LOG = LoggerFactory.getLogger(EscalationScan.class);

  /** Waits until the projection shows an event on a case; false when it did not in time. */
  interface AppliedWaiter {
    boolean await(String caseId, String eventId) throws InterruptedException;
  }

  private final CaseStore store;
  private final CaseEventLog log;
  private final EscalationClaims claims;
  private final Escalations rule;
  private final Duration reofferWindow;
  private final String seniorPool;
  private final Function<String, String> branchOf;
  private final DeskObserver observer;
  private final EscalationNotice notice;
  private final AppliedWaiter applied;

  EscalationScan(
      CaseStore store,
      CaseEventLog log,
      EscalationClaims claims,
      Escalations rule,
      Duration reofferWindow,
      String seniorPool,
      Function<String, String> branchOf,
      DeskObserver observer,
      EscalationNotice notice,
      AppliedWaiter applied) {
    this.store = store;
    this.log = log;
    this.claims = claims;
    this.rule = rule;
    this.reofferWindow = reofferWindow;
    this.seniorPool = seniorPool;
    this.branchOf = branchOf;
    this.observer = observer;
    this.notice = notice;
    this.applied = applied;
  }

  /**
   * Runs one pass at {@code now}.
   *
   * @return how many new steps this pass committed and saw applied
   */
  int run(Instant now) throws InterruptedException {
    List<CaseEvent> events = new ArrayList<>();
    Map<String, RetentionCase> before = new HashMap<>();
    List<RetentionCase> untold = new ArrayList<>();
    // Every unfinished case: the age limit does not follow the deadline order, so none can be
    // skipped by deadline. One hash read per open case and pass.
    for (String caseId : store.openCasesDueBefore(Long.MAX_VALUE)) {
      Optional<RetentionCase> found = store.get(caseId);
      if (found.isEmpty()) {
        continue;
      }
      RetentionCase c = found.get();
      Optional<Integer> due = rule.dueLevel(c, now);
      if (due.isEmpty()) {
        if (awaitsNotice(c, now)) {
          untold.add(c);
        }
        continue;
      }
      CaseEvent event = step(c, due.get(), now);
      try {
        CaseFile.apply(c, event);
      } catch (CaseTransitionException e) {
        LOG.warn("retention desk: not escalating {}: {}", caseId, e.reasonCode(), e);
        continue;
      }
      if (claims.claim(event.eventId())) {
        events.add(event);
        before.put(caseId, c);
      }
    }
    int count = 0;
    if (!events.isEmpty()) {
      log.append(events, List.of());
      for (CaseEvent e : events) {
        if (!applied.await(e.caseId(), e.eventId())) {
          // Refused by the fold (contacted or closed meanwhile), or not projected yet: a later
          // pass finds the step (offered again) or the case due again (same id, written again).
          continue;
        }
        RetentionCase after = store.get(e.caseId()).orElseThrow();
        count++;
        observer.escalated(after, e);
        tell(before.get(e.caseId()), after, e);
      }
      LOG.info("retention desk: {} escalation step(s) applied", count);
    }
    for (RetentionCase c : untold) {
      CaseHistoryEntry last = c.escalations().get(c.escalations().size() - 1);
      if (claims.claim(last.eventId())) {
        tell(beforeStep(c, last), c, stepEvent(c, last));
      }
    }
    return count;
  }

  /** True when the case's latest step is recent and nobody has handled its notice yet. */
  private boolean awaitsNotice(RetentionCase c, Instant now) {
    if (c.escalationLevel() == 0 || c.isFinished() || c.contacted()) {
      return false;
    }
    CaseHistoryEntry last = c.escalations().get(c.escalations().size() - 1);
    return now.isBefore(last.at().plus(reofferWindow)) && !claims.told(last.eventId());
  }

  private CaseEvent step(RetentionCase c, int level, Instant now) {
    String eventId = CaseIds.escalatedEvent(c.caseId(), level);
    return level == 1
        ? CaseEvent.escalated(eventId, c.caseId(), RetentionDesk.SYSTEM_ACTOR, now, 1, null, null)
        : CaseEvent.escalated(
            eventId,
            c.caseId(),
            RetentionDesk.SYSTEM_ACTOR,
            now,
            level,
            seniorPool,
            branchOf.apply(seniorPool));
  }

  private void tell(RetentionCase before, RetentionCase after, CaseEvent e) {
    boolean handled;
    try {
      handled = notice.escalated(before, after, e);
    } catch (RuntimeException ex) {
      LOG.error("retention desk: telling of escalation {} failed", e.eventId(), ex);
      handled = false;
    }
    if (handled) {
      claims.markTold(e.eventId());
    }
  }

  /** The step as its event (for a notice offered again: the case holds its history entry). */
  private CaseEvent stepEvent(RetentionCase c, CaseHistoryEntry h) {
    return CaseEvent.escalated(
        h.eventId(),
        c.caseId(),
        h.actor(),
        h.at(),
        h.level(),
        h.level() == 1 ? null : h.owner(),
        h.level() == 1 ? null : c.branch());
  }

  /**
   * The case as the step found it, as far as a notice needs: the owner before a level-2 step (the
   * last owner named before it) and that owner's branch, whose lead is told.
   */
  private RetentionCase beforeStep(RetentionCase c, CaseHistoryEntry step) {
    if (step.level() == 1) {
      return c;
    }
    String owner = c.owner();
    for (CaseHistoryEntry h : c.history()) {
      if (h.eventId().equals(step.eventId())) {
        break;
      }
      if (h.owner() != null) {
        owner = h.owner();
      }
    }
    return c.ownedBy(owner, branchOf.apply(owner));
  }
}
