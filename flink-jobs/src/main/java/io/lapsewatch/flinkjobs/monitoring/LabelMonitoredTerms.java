package io.lapsewatch.flinkjobs.monitoring;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.flinkjobs.functions.TermEvent;
import io.lapsewatch.flinkjobs.functions.TrackOutcomes;
import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each monitored term of a policyholder until the term ends and then emits it again with its
 * outcome: renewed → RENEWED, lapsed or cancelled → LAPSED, as outcome tracking decides them
 * ({@link TrackOutcomes}). A term with no renewal or lapse by {@link TrackOutcomes#WINDOW_DAYS}
 * after its renewal date (plus the allowed lateness) ends unknown: it is counted and dropped, as it
 * has no label to measure the model by. Term events wait for the watermark, so the scored term and
 * its end meet in event-time order whichever input delivers first. A {@code POLICYHOLDER_ERASED}
 * term event (the job turns erasure vectors into one) drops everything held for the policyholder:
 * no record carrying their id leaves after it.
 *
 * <p>The second input also carries the retention desk's results ({@code
 * UpdateFeatures.CASE_RESULTS}): an offer sent, or a callback that reached someone (any result but
 * {@value #UNREACHABLE} and {@value #WRONG_CONTACT}), is a contact. They wait for the watermark
 * like the term events, and the latest contact time is kept per policy, also before the term was
 * scored (alerts go out up to 90 days before renewal). A term that ends is {@link
 * MonitoredTerm#contacted} when its policy had a contact after its start (renewal date minus 365
 * days) and not after its end: the programme may have changed its outcome. The policy's contact is
 * then forgotten, and a contact no term end claims is dropped once no term it could belong to can
 * still end.
 */
public class LabelMonitoredTerms
    extends KeyedCoProcessFunction<String, MonitoredTerm, TermEvent, MonitoredTerm> {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  /** Days of a policy term: a contact counts for the term renewing this long after its start. */
  static final int TERM_DAYS = 365;

  /** A callback result (retention desk ResultKind) that reached nobody: no contact. */
  static final String UNREACHABLE = "UNREACHABLE";

  /** A callback result (retention desk ResultKind) with wrong contact details: no contact. */
  static final String WRONG_CONTACT = "WRONG_CONTACT";

  private final long allowedLatenessMs;

  private transient MapState<String, MonitoredTerm> open;
  private transient MapState<Long, List<TermEvent>> pending;
  private transient MapState<String, Long> contacts;
  private transient Counter ended;
  private transient Counter unknown;

  /**
   * @param allowedLatenessMs how long after a term's window a late renewal or lapse may still come
   */
  public LabelMonitoredTerms(long allowedLatenessMs) {
    this.allowedLatenessMs = allowedLatenessMs;
  }

  @Override
  public void open(OpenContext openContext) {
    open =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "monitored-terms", Types.STRING, TypeInformation.of(MonitoredTerm.class)));
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "monitored-term-events",
                    Types.LONG,
                    Types.LIST(TypeInformation.of(TermEvent.class))));
    contacts =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("monitored-term-contacts", Types.STRING, Types.LONG));
    ended = getRuntimeContext().getMetricGroup().counter("lapsewatch_monitored_terms_ended");
    unknown =
        getRuntimeContext().getMetricGroup().counter("lapsewatch_monitored_terms_ended_unknown");
  }

  @Override
  public void processElement1(MonitoredTerm t, Context ctx, Collector<MonitoredTerm> out)
      throws Exception {
    String key = MonitoredTerms.key(t);
    // A replay (restart, or an event at the milestone instant) scores the term again: keep one.
    if (!open.contains(key)) {
      open.put(key, t);
      ctx.timerService().registerEventTimeTimer(expiry(t));
    }
  }

  @Override
  public void processElement2(TermEvent t, Context ctx, Collector<MonitoredTerm> out)
      throws Exception {
    if (t.type == EventType.POLICYHOLDER_ERASED) {
      forget(ctx);
      return;
    }
    if (isCaseResult(t) && !isContact(t)) {
      return;
    }
    List<TermEvent> at = pending.get(t.at);
    if (at == null) {
      at = new ArrayList<>(1);
    }
    at.add(t);
    pending.put(t.at, at);
    ctx.timerService().registerEventTimeTimer(t.at);
  }

  private static boolean isCaseResult(TermEvent t) {
    return t.type == EventType.OFFER_SENT || t.type == EventType.CALLBACK_COMPLETED;
  }

  /** An offer sent, or a callback that reached someone (a missing result counts: it was made). */
  static boolean isContact(TermEvent t) {
    return t.type == EventType.OFFER_SENT
        || (t.type == EventType.CALLBACK_COMPLETED
            && !UNREACHABLE.equals(t.detail)
            && !WRONG_CONTACT.equals(t.detail));
  }

  /** Drops every held term, contact, waiting event and timer of the current policyholder. */
  private void forget(Context ctx) throws Exception {
    for (MonitoredTerm t : open.values()) {
      ctx.timerService().deleteEventTimeTimer(expiry(t));
    }
    for (Long at : pending.keys()) {
      ctx.timerService().deleteEventTimeTimer(at);
    }
    for (Long at : contacts.values()) {
      ctx.timerService().deleteEventTimeTimer(contactExpiry(at));
    }
    open.clear();
    pending.clear();
    contacts.clear();
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<MonitoredTerm> out) throws Exception {
    List<TermEvent> due = pending.get(ts);
    if (due != null) {
      pending.remove(ts);
      // Contacts first: a contact at the instant the term ends is "not after the end".
      for (TermEvent t : due) {
        if (isCaseResult(t)) {
          remember(t, ctx);
        }
      }
      for (TermEvent t : due) {
        if (!isCaseResult(t)) {
          resolve(t, ctx, out);
        }
      }
    }
    Iterator<Map.Entry<String, Long>> c = contacts.iterator();
    while (c.hasNext()) {
      if (contactExpiry(c.next().getValue()) <= ts) {
        c.remove();
      }
    }
    // At the end of a bounded input the watermark jumps to the end of time: windows have not
    // really closed, so nothing is declared unknown.
    if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
      Iterator<Map.Entry<String, MonitoredTerm>> it = open.iterator();
      while (it.hasNext()) {
        if (expiry(it.next().getValue()) <= ts) {
          unknown.inc();
          it.remove();
        }
      }
    }
    // Heap map state keeps an emptied map (and so the key) until it is cleared.
    if (open.isEmpty()) {
      open.clear();
    }
    if (pending.isEmpty()) {
      pending.clear();
    }
    if (contacts.isEmpty()) {
      contacts.clear();
    }
  }

  /** Keeps the policy's latest contact, with a timer to drop it if no term end claims it. */
  private void remember(TermEvent contact, OnTimerContext ctx) throws Exception {
    Long before = contacts.get(contact.policyId);
    if (before != null && before >= contact.at) {
      return;
    }
    if (before != null) {
      ctx.timerService().deleteEventTimeTimer(contactExpiry(before));
    }
    contacts.put(contact.policyId, contact.at);
    ctx.timerService().registerEventTimeTimer(contactExpiry(contact.at));
  }

  private void resolve(TermEvent e, OnTimerContext ctx, Collector<MonitoredTerm> out)
      throws Exception {
    Long contact = contacts.get(e.policyId);
    if (contact != null) {
      // The term is over: its contact belongs to no later term.
      contacts.remove(e.policyId);
      ctx.timerService().deleteEventTimeTimer(contactExpiry(contact));
    }
    Iterator<Map.Entry<String, MonitoredTerm>> it = open.iterator();
    while (it.hasNext()) {
      MonitoredTerm t = it.next().getValue();
      if (t.policyId.equals(e.policyId) && t.asOf <= e.at) {
        String outcome =
            e.type == EventType.POLICY_RENEWED ? MonitoredTerm.RENEWED : MonitoredTerm.LAPSED;
        MonitoredTerm done = t.ended(outcome, PolicyholderState.dayOf(e.at));
        done.contacted =
            contact != null
                && contact > (t.renewalDate - (long) TERM_DAYS) * DAY_MS
                && contact <= e.at;
        out.collect(done);
        ended.inc();
        ctx.timerService().deleteEventTimeTimer(expiry(t));
        it.remove();
      }
    }
  }

  /**
   * When a contact no term end claimed is dropped: the latest a term it could belong to (renewing
   * within {@link #TERM_DAYS} of it) would be given up.
   */
  private long contactExpiry(long contactAt) {
    return contactAt + (TERM_DAYS + (long) TrackOutcomes.WINDOW_DAYS) * DAY_MS + allowedLatenessMs;
  }

  /** When a term without an end is given up: its window's end plus the allowed lateness. */
  private long expiry(MonitoredTerm t) {
    return (t.renewalDate + (long) TrackOutcomes.WINDOW_DAYS) * DAY_MS + allowedLatenessMs;
  }
}
