package io.lapsewatch.simulator;

import io.lapsewatch.events.PolicyEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Generates a deterministic policyholder event history, day by day, in event-time order. Memory
 * grows with the number of policyholders (a few hundred bytes each), never with the number of
 * events, so a million policyholders over a year streams to a file or topic.
 */
public final class Simulator {
  private static final Comparator<PolicyEvent> TIME_ORDER =
      Comparator.comparingLong((PolicyEvent e) -> e.occurredAt)
          .thenComparing(e -> e.policyholderId)
          .thenComparing(e -> e.eventId);

  private final SimulationConfig config;

  public Simulator(SimulationConfig config) {
    this.config = config;
  }

  /** Runs the whole simulation, handing events to {@code sink} in event-time order. */
  public long run(Consumer<PolicyEvent> sink) {
    return run(sink, day -> {});
  }

  /**
   * Runs the simulation; {@code onDayDone} receives the number of days simulated so far, for
   * progress reporting.
   *
   * @return the number of events emitted
   */
  public long run(Consumer<PolicyEvent> sink, java.util.function.IntConsumer onDayDone) {
    int first = config.firstDay();
    SimulatedPolicyholder[] holders = new SimulatedPolicyholder[config.policyholders()];
    for (int i = 0; i < holders.length; i++) {
      holders[i] = new SimulatedPolicyholder(i + 1, config.seed(), first);
    }
    long emitted = 0;
    List<PolicyEvent> today = new ArrayList<>();
    for (int d = 0; d < config.days(); d++) {
      int day = first + d;
      for (int i = 0; i < holders.length; i++) {
        SimulatedPolicyholder h = holders[i];
        if (h == null) {
          continue;
        }
        h.simulateDay(day, today);
        if (h.finished()) {
          holders[i] = null;
        }
      }
      today.sort(TIME_ORDER);
      for (PolicyEvent e : today) {
        sink.accept(e);
      }
      emitted += today.size();
      today.clear();
      onDayDone.accept(d + 1);
    }
    return emitted;
  }
}
