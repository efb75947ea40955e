package io.lapsewatch.featurestore.simulator;

import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Generates a deterministic policyholder event history, day by day, in event-time order. Memory
 * grows with the number of policyholders (about 1.7 KB each, measured at one million), never with
 * the number of events, so a million policyholders over a year streams to a file or topic.
 */
public final class Simulator {
  private static final Comparator<PolicyEvent> TIME_ORDER =
      Comparator.comparingLong((PolicyEvent e) -> e.occurredAt)
          .thenComparing(e -> e.policyholderId)
          .thenComparing(e -> e.eventId);

  private static final long DAY_MS = 86_400_000L;

  private final SimulationConfig config;

  /** Opt-outs (CONTACT_CONSENT_CHANGED, doNotContact) per policyholder per year; 0 = none. */
  private final double optOutsPerYear;

  private final TreatmentEffects effects;

  /** Where each quoted term's ground truth goes; null: nowhere (it costs memory per term). */
  private final TreatmentTruth truth;

  /** Shifts in behaviour mid-stream, at most one per kind, in the order given. */
  private final List<BehaviourDrift> drifts;

  private static void consider(
      RetentionProgramme programme, SimulatedPolicyholder holder, FeatureVector v, int day) {
    if (!v.hasRenewingPolicy()) {
      return;
    }
    for (RetentionProgramme.Delivery d : programme.act(v)) {
      if (d.followUp()) {
        holder.followUp(v.policyId, v.renewalDate, d.treatment(), day);
      } else {
        holder.treat(v.policyId, v.renewalDate, d.treatment(), day);
      }
    }
  }

  public Simulator(SimulationConfig config) {
    this(config, 0, TreatmentEffects.HOMOGENEOUS, null, List.of());
  }

  private Simulator(
      SimulationConfig config,
      double optOutsPerYear,
      TreatmentEffects effects,
      TreatmentTruth truth,
      List<BehaviourDrift> drifts) {
    this.config = config;
    this.optOutsPerYear = optOutsPerYear;
    this.effects = effects;
    this.truth = truth;
    this.drifts = drifts;
  }

  /**
   * The same simulation with {@code drift} from its day on (replacing an earlier drift of the same
   * kind): an app outage or a price rise, see {@link BehaviourDrift}. Drifts draw nothing of their
   * own, so the history before the drift's day is the same as without it.
   */
  public Simulator withDrift(BehaviourDrift drift) {
    if (drift == null) {
      throw new IllegalArgumentException("a drift is required");
    }
    if (drift.fromDay() >= config.days()) {
      throw new IllegalArgumentException(
          "--drift "
              + drift
              + " starts after the last simulated day "
              + (config.days() - 1)
              + " (days count from 0 at the start date)");
    }
    List<BehaviourDrift> next = new ArrayList<>();
    for (BehaviourDrift d : drifts) {
      if (d.kind() != drift.kind()) {
        next.add(d);
      }
    }
    next.add(drift);
    return new Simulator(config, optOutsPerYear, effects, truth, List.copyOf(next));
  }

  /** The drifts this simulation goes through, in the order given. */
  public List<BehaviourDrift> drifts() {
    return drifts;
  }

  /**
   * The same simulation in the world {@code effects}: {@link TreatmentEffects#HOMOGENEOUS} (the
   * default, the history as it always was) or {@link TreatmentEffects#HETEROGENEOUS} (hidden
   * response types per policyholder and action). Without a programme in the loop both worlds give
   * the same events: the types only change what contact does.
   */
  public Simulator withTreatmentEffects(TreatmentEffects effects) {
    if (effects == null) {
      throw new IllegalArgumentException("treatment effects are required");
    }
    return new Simulator(config, optOutsPerYear, effects, truth, drifts);
  }

  /**
   * The same simulation, recording every quoted term's ground truth (response type and true effect
   * per action) into {@code truth} as it runs. For evaluation code only: training must never read
   * it. Recording draws nothing, so the events are the same with or without it.
   */
  public Simulator withGroundTruth(TreatmentTruth truth) {
    if (truth == null) {
      throw new IllegalArgumentException("a ground truth to fill is required");
    }
    return new Simulator(config, optOutsPerYear, effects, truth, drifts);
  }

  /** The world this simulation runs in. */
  public TreatmentEffects treatmentEffects() {
    return effects;
  }

  /**
   * The same simulation with policyholders opting out of contact at {@code perYear} (e.g. 0.02: 2%
   * of policyholders a year). Off by default: the opt-outs draw from their own random streams, so
   * with 0 the history is exactly the one without them. An opted-out policyholder is no longer
   * treated by the retention programme in the loop, as the job's contact rules would suppress it.
   */
  public Simulator withOptOuts(double perYear) {
    if (!(perYear >= 0 && perYear <= 1)) {
      throw new IllegalArgumentException("opt-outs per year must be in [0, 1], was " + perYear);
    }
    return new Simulator(config, perYear, effects, truth, drifts);
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
    return run(sink, onDayDone, null);
  }

  /**
   * Runs the simulation with a retention programme in the loop: every policyholder's features are
   * kept with the shared feature code, and at each of their events (and each day's start) the
   * programme may act on their renewing term. Costs one {@link PolicyholderState} per policyholder.
   */
  public long run(
      Consumer<PolicyEvent> sink,
      java.util.function.IntConsumer onDayDone,
      RetentionProgramme programme) {
    int first = config.firstDay();
    SimulatedPolicyholder[] holders = new SimulatedPolicyholder[config.policyholders()];
    PolicyholderState[] states =
        programme == null ? null : new PolicyholderState[config.policyholders()];
    java.util.Map<String, Integer> index = new java.util.HashMap<>();
    ConsentDraws consent =
        optOutsPerYear > 0 ? new ConsentDraws(config.seed(), holders.length, optOutsPerYear) : null;
    DriftPlan plan = DriftPlan.of(drifts, first);
    for (int i = 0; i < holders.length; i++) {
      holders[i] = new SimulatedPolicyholder(i + 1, config.seed(), first, effects, truth, plan);
      if (programme != null) {
        states[i] = new PolicyholderState();
        index.put(holders[i].id(), i);
      }
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
        if (consent != null) {
          consent.draw(i, h.id(), day, today);
        }
        if (h.finished()) {
          holders[i] = null;
        }
      }
      today.sort(TIME_ORDER);
      if (programme != null) {
        // Silence counts too: consider everyone at the start of the day, then after each event.
        for (int i = 0; i < holders.length; i++) {
          if (holders[i] != null
              && !states[i].isEmpty()
              && (consent == null || !consent.optedOut(i))) {
            consider(programme, holders[i], states[i].vector(holders[i].id(), day * DAY_MS), day);
          }
        }
      }
      for (PolicyEvent e : today) {
        sink.accept(e);
        if (programme != null) {
          int i = index.get(e.policyholderId);
          states[i].apply(e);
          if (holders[i] != null && (consent == null || !consent.optedOut(i))) {
            consider(programme, holders[i], states[i].vector(e.policyholderId, e.occurredAt), day);
          }
        }
      }
      emitted += today.size();
      today.clear();
      onDayDone.accept(d + 1);
    }
    return emitted;
  }

  /** Each policyholder's opt-out draws, from a random stream of its own. */
  private static final class ConsentDraws {
    private final java.util.SplittableRandom[] rngs;
    private final boolean[] optedOut;
    private final double perDay;

    ConsentDraws(long seed, int holders, double perYear) {
      rngs = new java.util.SplittableRandom[holders];
      java.util.SplittableRandom root = new java.util.SplittableRandom(seed ^ 0x0C0A5E47L);
      for (int i = 0; i < holders; i++) {
        rngs[i] = root.split();
      }
      optedOut = new boolean[holders];
      perDay = perYear / 365;
    }

    void draw(int i, String holderId, int day, List<PolicyEvent> today) {
      if (optedOut[i] || rngs[i].nextDouble() >= perDay) {
        return;
      }
      optedOut[i] = true;
      long at = day * DAY_MS + (9 * 3600 + rngs[i].nextInt(12 * 3600)) * 1000L;
      today.add(
          io.lapsewatch.featurestore.events.Events.consentChanged(
              holderId + "-optout-" + day,
              holderId,
              java.time.Instant.ofEpochMilli(at),
              true,
              null));
    }

    boolean optedOut(int i) {
      return optedOut[i];
    }
  }
}
