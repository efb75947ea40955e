package io.lapsewatch.cli;

import io.lapsewatch.retentiondesk.CaseEventKind;
import io.lapsewatch.retentiondesk.CaseHistoryEntry;
import io.lapsewatch.retentiondesk.CaseStatus;
import io.lapsewatch.retentiondesk.Resolution;
import io.lapsewatch.retentiondesk.ResultKind;
import io.lapsewatch.retentiondesk.RetentionCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * How the retention desk's cases ended up, from their histories: contact rate, time to first
 * contact, closure, results by kind and escalations (level 1: the branch lead told; level 2: moved
 * to the senior pool). "Contact" means the policyholder was spoken to (REACHED, ACCEPTED or
 * DECLINED), as the desk's time-to-first-contact metric counts it.
 */
record DemoDeskFigures(
    int cases,
    int withResult,
    int contacted,
    OptionalDouble medianHoursToFirstContact,
    int closedByAgent,
    int expired,
    int stillOpen,
    int erased,
    Map<ResultKind, Long> resultsByKind,
    int escalatedToLead,
    int escalatedToPool) {

  /** The figures of {@code cases}. */
  static DemoDeskFigures of(Collection<RetentionCase> cases) {
    int withResult = 0;
    int closedByAgent = 0;
    int expired = 0;
    int stillOpen = 0;
    int erased = 0;
    int toLead = 0;
    int toPool = 0;
    List<Double> firstContactHours = new ArrayList<>();
    Map<ResultKind, Long> byKind = new EnumMap<>(ResultKind.class);
    for (RetentionCase c : cases) {
      boolean anyResult = false;
      boolean contacted = false;
      for (CaseHistoryEntry h : c.history()) {
        if (h.kind() != CaseEventKind.RESULT_RECORDED || h.result() == null) {
          continue;
        }
        anyResult = true;
        byKind.merge(h.result(), 1L, Long::sum);
        if (h.result().reached() && !contacted) {
          contacted = true;
          firstContactHours.add(Duration.between(c.openedAt(), h.at()).toSeconds() / 3600.0);
        }
      }
      withResult += anyResult ? 1 : 0;
      for (CaseHistoryEntry h : c.escalations()) {
        toLead += h.level() == 1 ? 1 : 0;
        toPool += h.level() == 2 ? 1 : 0;
      }
      if (c.status() == CaseStatus.ERASED) {
        erased++;
      } else if (c.status() != CaseStatus.CLOSED) {
        stillOpen++;
      } else if (c.resolution() == Resolution.EXPIRED) {
        expired++;
      } else {
        closedByAgent++;
      }
    }
    return new DemoDeskFigures(
        cases.size(),
        withResult,
        firstContactHours.size(),
        median(firstContactHours),
        closedByAgent,
        expired,
        stillOpen,
        erased,
        byKind,
        toLead,
        toPool);
  }

  /** Cases whose policyholder was spoken to, of all cases; empty without cases. */
  OptionalDouble contactRate() {
    return cases == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) contacted / cases);
  }

  private static OptionalDouble median(List<Double> values) {
    if (values.isEmpty()) {
      return OptionalDouble.empty();
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return OptionalDouble.of(
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
  }
}
