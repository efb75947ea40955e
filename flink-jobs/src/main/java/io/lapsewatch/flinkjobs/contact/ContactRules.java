package io.lapsewatch.flinkjobs.contact;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.flinkjobs.JobCounters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The last gate before {@code retention-alerts} (keyed by policyholder): every alert the decision
 * and capacity steps let out is checked against the policyholder's contact consent, the contact cap
 * and quiet hours at the event time it would go out.
 *
 * <ul>
 *   <li>Do-not-contact: the alert is suppressed. Checked when it goes out, so an opt-out made after
 *       a decision but before capacity released it (or while it was held) cancels it too.
 *   <li>Cap: at most {@link ContactRuleSettings#maxPer30Days()} alerts per policyholder in any 30
 *       days of event time; the one over it is suppressed.
 *   <li>Quiet hours: a renewal offer (it reaches the policyholder) due inside them waits for their
 *       end; an agent callback (it reaches an agent) is not held.
 *   <li>A journey's message to a team ({@code messageTo}) reaches no policyholder: neither held nor
 *       counted against the cap.
 * </ul>
 *
 * A suppressed journey step is also counted for its plan and step ({@code
 * lapsewatch_journey_steps_suppressed_total}).
 *
 * <p>Both arms follow the same rules: a suppressed holdout alert is dropped like a treated one, so
 * the holdout stays comparable to what the treated arm really received (the opted-out leave both
 * arms alike, and recovery against holdout stays honest). A suppressed alert reaches neither the
 * topic nor outcome tracking; it is counted in {@code
 * lapsewatch_contacts_suppressed_total{reason,arm}}.
 *
 * <p>Deterministic on replay: alerts and consent changes wait for the watermark and are applied in
 * event-time order, consent first at equal times (an opt-out at the very moment wins).
 */
public class ContactRules extends KeyedCoProcessFunction<String, Alert, ConsentChange, Alert> {
  private static final long serialVersionUID = 1L;
  static final long WINDOW_MS = 30L * 86_400_000L;

  /** Label values of the suppression counter. */
  public static final String DO_NOT_CONTACT = "do_not_contact";

  public static final String CONTACT_CAP = "contact_cap";
  public static final String QUIET_HOURS_HELD = "quiet_hours_held";

  private final ContactRuleSettings settings;

  private transient ValueState<Boolean> doNotContact;
  private transient ListState<ConsentChange> consentWaiting;
  private transient ListState<PendingContact> contactsWaiting;

  /** Event times of the contacts of the last 30 days, oldest first (only with a cap). */
  private transient ValueState<long[]> recentContacts;

  private transient Map<Arm, Map<String, Counter>> suppressed;

  /**
   * Job accumulators: alerts that went out, and those suppressed (the demo waits for the first).
   */
  private transient LongCounter alertsOut;

  private transient LongCounter suppressedTotal;

  private transient io.lapsewatch.flinkjobs.journey.JourneyMetrics journeys;

  public ContactRules(ContactRuleSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    doNotContact =
        getRuntimeContext().getState(new ValueStateDescriptor<>("do-not-contact", Types.BOOLEAN));
    consentWaiting =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>(
                    "consent-waiting", TypeInformation.of(ConsentChange.class)));
    contactsWaiting =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>(
                    "contacts-waiting", TypeInformation.of(PendingContact.class)));
    recentContacts =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "recent-contacts", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    alertsOut = getRuntimeContext().getLongCounter(JobCounters.ALERTS);
    suppressedTotal = getRuntimeContext().getLongCounter(JobCounters.CONTACTS_SUPPRESSED);
    journeys =
        new io.lapsewatch.flinkjobs.journey.JourneyMetrics(
            getRuntimeContext(), JobCounters.JOURNEY_SUPPRESSIONS);
    suppressed = new EnumMap<>(Arm.class);
    for (Arm arm : Arm.values()) {
      Map<String, Counter> byReason = new java.util.HashMap<>();
      for (String reason : List.of(DO_NOT_CONTACT, CONTACT_CAP, QUIET_HOURS_HELD)) {
        byReason.put(
            reason,
            getRuntimeContext()
                .getMetricGroup()
                .addGroup("reason", reason)
                .addGroup("arm", arm.name().toLowerCase(java.util.Locale.ROOT))
                .counter("lapsewatch_contacts_suppressed_total"));
      }
      suppressed.put(arm, byReason);
    }
  }

  @Override
  public void processElement1(Alert a, Context ctx, Collector<Alert> out) throws Exception {
    if (a.erasure) {
      // Nothing of the policyholder may follow the tombstone, and nothing of them is kept.
      forget(ctx.timerService());
      out.collect(a);
      return;
    }
    long at = ctx.timestamp() == null ? a.asOf : ctx.timestamp();
    contactsWaiting.add(new PendingContact(at, a));
    ctx.timerService().registerEventTimeTimer(at);
  }

  @Override
  public void processElement2(ConsentChange c, Context ctx, Collector<Alert> out) throws Exception {
    if (c.erasure) {
      forget(ctx.timerService());
      return;
    }
    consentWaiting.add(c);
    ctx.timerService().registerEventTimeTimer(c.at);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    applyConsent(ts);
    List<PendingContact> due = new ArrayList<>();
    List<PendingContact> later = new ArrayList<>();
    for (PendingContact p : contactsWaiting.get()) {
      (p.at <= ts ? due : later).add(p);
    }
    if (due.isEmpty()) {
      forgetContactsBefore(ts - WINDOW_MS);
      return;
    }
    due.sort(
        Comparator.comparingLong((PendingContact p) -> p.at).thenComparing(p -> p.alert.alertId));
    boolean optedOut = Boolean.TRUE.equals(doNotContact.value());
    for (PendingContact p : due) {
      Alert a = p.alert;
      if (optedOut) {
        count(a, DO_NOT_CONTACT);
      } else if (heldThroughQuietHours(a, p.at)) {
        p.at = settings.quietHours().endAfter(p.at);
        if (!p.held) {
          p.held = true;
          count(a, QUIET_HOURS_HELD);
        }
        later.add(p);
        ctx.timerService().registerEventTimeTimer(p.at);
      } else if (a.messageTo == null && !underCap(p.at)) {
        count(a, CONTACT_CAP);
      } else {
        out.collect(a);
        alertsOut.add(1L);
        if (settings.maxPer30Days() > 0) {
          // Wakes up when this contact leaves the window, so its time is not kept for ever.
          ctx.timerService().registerEventTimeTimer(p.at + WINDOW_MS);
        }
      }
    }
    if (later.isEmpty()) {
      contactsWaiting.clear();
    } else {
      contactsWaiting.update(later);
    }
  }

  /** Applies the consent changes up to {@code ts}, in event-time order. */
  private void applyConsent(long ts) throws Exception {
    List<ConsentChange> due = new ArrayList<>();
    List<ConsentChange> later = new ArrayList<>();
    for (ConsentChange c : consentWaiting.get()) {
      (c.at <= ts ? due : later).add(c);
    }
    if (due.isEmpty()) {
      return;
    }
    due.sort(Comparator.comparingLong((ConsentChange c) -> c.at).thenComparing(c -> c.eventId));
    boolean optedOut = due.get(due.size() - 1).doNotContact;
    if (optedOut) {
      doNotContact.update(true);
    } else {
      doNotContact.clear(); // contact allowed is the default: nothing to keep
    }
    if (later.isEmpty()) {
      consentWaiting.clear();
    } else {
      consentWaiting.update(later);
    }
  }

  /** Forgets contact times at or before {@code horizon}; the state goes when none is left. */
  private void forgetContactsBefore(long horizon) throws Exception {
    long[] times = recentContacts.value();
    if (times == null) {
      return;
    }
    long[] kept = java.util.Arrays.stream(times).filter(t -> t > horizon).toArray();
    if (kept.length == 0) {
      recentContacts.clear();
    } else if (kept.length < times.length) {
      recentContacts.update(kept);
    }
  }

  private boolean heldThroughQuietHours(Alert a, long at) {
    return a.action == RetentionAction.RENEWAL_OFFER
        && a.messageTo == null
        && settings.quietHours().holds(at);
  }

  /** True, and the contact remembered, when one more contact at {@code at} is within the cap. */
  private boolean underCap(long at) throws Exception {
    int cap = settings.maxPer30Days();
    if (cap == 0) {
      return true;
    }
    long[] times = recentContacts.value();
    int kept = 0;
    long[] window = new long[(times == null ? 0 : times.length) + 1];
    if (times != null) {
      for (long t : times) {
        if (t > at - WINDOW_MS) {
          window[kept++] = t;
        }
      }
    }
    if (kept >= cap) {
      recentContacts.update(java.util.Arrays.copyOf(window, kept));
      return false;
    }
    window[kept++] = at;
    recentContacts.update(java.util.Arrays.copyOf(window, kept));
    return true;
  }

  private void count(Alert a, String reason) {
    suppressed.get(a.arm == null ? Arm.TREATED : a.arm).get(reason).inc();
    if (a.inJourney() && !QUIET_HOURS_HELD.equals(reason)) {
      journeys.suppressed(a, reason);
    }
    if (!QUIET_HOURS_HELD.equals(reason)) {
      suppressedTotal.add(1L);
    }
  }

  /** Drops all the policyholder's contact state and the timers registered for it. */
  private void forget(TimerService timers) throws Exception {
    for (PendingContact p : contactsWaiting.get()) {
      timers.deleteEventTimeTimer(p.at);
    }
    for (ConsentChange c : consentWaiting.get()) {
      timers.deleteEventTimeTimer(c.at);
    }
    contactsWaiting.clear();
    consentWaiting.clear();
    doNotContact.clear();
    recentContacts.clear();
  }
}
