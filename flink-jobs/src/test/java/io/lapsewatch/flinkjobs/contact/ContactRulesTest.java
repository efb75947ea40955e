package io.lapsewatch.flinkjobs.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.flinkjobs.functions.ApplyCapacity;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Consent, the contact cap and quiet hours, on Flink's operator test harness in event time. */
class ContactRulesTest {
  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;
  private static final long DAY0 = 20_000L * DAY; // midnight UTC = 08:00 in Shanghai
  private static final String HOLDER = "PH00000042";

  private KeyedTwoInputStreamOperatorTestHarness<String, Alert, ConsentChange, Alert> h;

  private void open(ContactRuleSettings settings) throws Exception {
    h =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new ContactRules(settings)),
            a -> a.policyholderId,
            c -> c.policyholderId,
            Types.STRING);
    h.open();
  }

  private static ContactRuleSettings cap(int max) {
    return new ContactRuleSettings(max, QuietHours.none());
  }

  private static ContactRuleSettings shanghaiNights() {
    return new ContactRuleSettings(0, QuietHours.parse("21:00-08:00", ZoneId.of("Asia/Shanghai")));
  }

  @AfterEach
  void close() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  private static Alert alert(String id, RetentionAction action, Arm arm, long asOf) {
    Alert a = new Alert();
    a.alertId = id;
    a.policyholderId = HOLDER;
    a.action = action;
    a.arm = arm;
    a.asOf = asOf;
    a.score = 0.8;
    a.annualPremium = 1000;
    a.deadline = (int) (asOf / DAY) + 30;
    return a;
  }

  private static Alert callback(String id, long at) {
    return alert(id, RetentionAction.AGENT_CALLBACK, Arm.TREATED, at);
  }

  private static Alert offer(String id, long at) {
    return alert(id, RetentionAction.RENEWAL_OFFER, Arm.TREATED, at);
  }

  private void decide(Alert a, long goesOutAt) throws Exception {
    h.processElement1(new StreamRecord<>(a, goesOutAt));
  }

  private void decide(Alert a) throws Exception {
    decide(a, a.asOf);
  }

  private void consent(String eventId, long at, boolean doNotContact) throws Exception {
    ConsentChange c = new ConsentChange();
    c.policyholderId = HOLDER;
    c.eventId = eventId;
    c.at = at;
    c.doNotContact = doNotContact;
    h.processElement2(new StreamRecord<>(c, at));
  }

  private void eventTimeReaches(long t) throws Exception {
    h.processBothWatermarks(new Watermark(t));
  }

  private long total(String accumulator) {
    var a = h.getEnvironment().getAccumulatorRegistry().getUserMap().get(accumulator);
    return a == null ? 0 : (Long) a.getLocalValue();
  }

  private List<String> sent() {
    return h.extractOutputValues().stream().map(a -> a.alertId).toList();
  }

  @Test
  void anOptOutSuppressesTheContactsAfterIt() throws Exception {
    open(cap(0));
    consent("optout", DAY0 + HOUR, true);
    decide(callback("cb", DAY0 + 2 * HOUR));
    decide(alert("held-out", RetentionAction.AGENT_CALLBACK, Arm.HOLDOUT, DAY0 + 2 * HOUR));

    eventTimeReaches(DAY0 + 3 * HOUR);

    // The holdout follows the same rule, so both arms lose the opted-out alike.
    assertThat(sent()).isEmpty();
    assertThat(total(JobCounters.CONTACTS_SUPPRESSED)).isEqualTo(2);
    assertThat(total(JobCounters.ALERTS)).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }

  @Test
  void contactsBeforeTheOptOutStillGo() throws Exception {
    open(cap(0));
    decide(callback("before", DAY0 + HOUR));
    consent("optout", DAY0 + 2 * HOUR, true);

    eventTimeReaches(DAY0 + 3 * HOUR);

    assertThat(sent()).containsExactly("before");
  }

  @Test
  void anOptInAgainAllowsContact() throws Exception {
    open(cap(0));
    consent("optout", DAY0 + HOUR, true);
    consent("optin", DAY0 + 2 * HOUR, false);
    decide(callback("cb", DAY0 + 3 * HOUR));

    eventTimeReaches(DAY0 + 4 * HOUR);

    assertThat(sent()).containsExactly("cb");
    assertThat(h.numKeyedStateEntries()).as("nothing kept for a consenting holder").isZero();
  }

  @Test
  void anOptOutAtTheSameMomentWinsAndArrivalOrderDoesNotMatter() throws Exception {
    open(cap(0));
    decide(callback("cb", DAY0 + HOUR)); // arrives first
    consent("optout", DAY0 + HOUR, true); // same event time, arrives second

    eventTimeReaches(DAY0 + 2 * HOUR);

    assertThat(sent()).isEmpty();
  }

  @Test
  void anOptOutCancelsADecisionCapacityIsStillHolding() throws Exception {
    open(cap(0));
    KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> capacity =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ApplyCapacity(Map.of("AGENT_CALLBACK", 5))),
            (Alert a) -> a.action.name(),
            Types.STRING);
    capacity.open();
    try {
      Alert decided = callback("queued", DAY0 + HOUR);
      capacity.processElement(new StreamRecord<>(decided, decided.asOf));
      consent("optout", DAY0 + 5 * HOUR, true); // after the decision, before the day ends
      capacity.processWatermark(DAY0 + DAY); // the day ends: capacity lets it out
      List<StreamRecord<? extends Alert>> released = capacity.extractOutputStreamRecords();
      assertThat(released).hasSize(1);

      for (StreamRecord<? extends Alert> r : released) {
        decide(r.getValue(), r.getTimestamp());
      }
      eventTimeReaches(DAY0 + DAY);

      assertThat(sent()).isEmpty();
    } finally {
      capacity.close();
    }
  }

  @Test
  void theCapSuppressesTheThirdContactWithinThirtyDaysAndAllowsOneAfter() throws Exception {
    open(cap(2));
    decide(callback("day0", DAY0 + HOUR));
    decide(offer("day10", DAY0 + 10 * DAY + HOUR));
    decide(callback("day20", DAY0 + 20 * DAY + HOUR));
    decide(callback("day30", DAY0 + 30 * DAY + HOUR)); // day 0's contact has left the window

    eventTimeReaches(DAY0 + 31 * DAY);

    assertThat(sent()).containsExactly("day0", "day10", "day30");
    assertThat(total(JobCounters.ALERTS)).isEqualTo(3);
    assertThat(total(JobCounters.CONTACTS_SUPPRESSED)).isEqualTo(1);
  }

  @Test
  void aSuppressedContactDoesNotCountTowardsTheCap() throws Exception {
    open(cap(1));
    consent("optout", DAY0, true);
    decide(callback("suppressed", DAY0 + HOUR));
    consent("optin", DAY0 + 2 * HOUR, false);
    decide(callback("allowed", DAY0 + 3 * HOUR));

    eventTimeReaches(DAY0 + DAY);

    assertThat(sent()).containsExactly("allowed");
  }

  @Test
  void contactTimesAreForgottenThirtyDaysOn() throws Exception {
    open(cap(2));
    decide(callback("cb", DAY0 + HOUR));
    eventTimeReaches(DAY0 + 2 * HOUR);
    assertThat(h.numKeyedStateEntries()).isEqualTo(1);

    eventTimeReaches(DAY0 + 31 * DAY);

    assertThat(sent()).containsExactly("cb");
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }

  @Test
  void quietHoursHoldAnOfferToEightInTheMorningButNotACallback() throws Exception {
    open(shanghaiNights());
    long tenPastTenAtNight = DAY0 + 14 * HOUR + 10 * 60_000L; // 22:10 in Shanghai
    decide(offer("offer", tenPastTenAtNight));
    decide(callback("callback", tenPastTenAtNight));

    eventTimeReaches(DAY0 + 15 * HOUR);
    assertThat(sent()).containsExactly("callback");

    eventTimeReaches(DAY0 + DAY - 1); // 07:59:59.999
    assertThat(sent()).containsExactly("callback");

    eventTimeReaches(DAY0 + DAY); // 08:00 in Shanghai
    assertThat(sent()).containsExactly("callback", "offer");
    assertThat(total(JobCounters.CONTACTS_SUPPRESSED)).as("held, not suppressed").isZero();
    StreamRecord<? extends Alert> offer = h.extractOutputStreamRecords().get(1);
    assertThat(offer.getTimestamp()).isEqualTo(DAY0 + DAY);
    assertThat(offer.getValue().asOf)
        .as("the alert itself is unchanged")
        .isEqualTo(tenPastTenAtNight);
  }

  @Test
  void anOfferOutsideQuietHoursIsNotHeld() throws Exception {
    open(shanghaiNights());
    decide(offer("afternoon", DAY0 + 6 * HOUR)); // 14:00 in Shanghai

    eventTimeReaches(DAY0 + 6 * HOUR);

    assertThat(sent()).containsExactly("afternoon");
  }

  @Test
  void anOptOutDuringQuietHoursCancelsTheHeldOffer() throws Exception {
    open(shanghaiNights());
    decide(offer("offer", DAY0 + 14 * HOUR));
    eventTimeReaches(DAY0 + 15 * HOUR);
    consent("optout", DAY0 + 20 * HOUR, true); // 04:00 in Shanghai, while it is held

    eventTimeReaches(DAY0 + DAY + HOUR);

    assertThat(sent()).isEmpty();
  }

  @Test
  void erasureClearsConsentAndEverythingWaiting() throws Exception {
    open(new ContactRuleSettings(2, QuietHours.parse("21:00-08:00", ZoneId.of("Asia/Shanghai"))));
    consent("optout", DAY0 + HOUR, true);
    decide(callback("cb", DAY0 + 2 * HOUR));
    eventTimeReaches(DAY0 + 3 * HOUR);
    decide(offer("held", DAY0 + 14 * HOUR));
    consent("optin-later", DAY0 + 30 * HOUR, false);
    assertThat(h.numKeyedStateEntries()).isGreaterThan(0);

    Alert erasure = Alert.erasure(HOLDER, RetentionAction.RENEWAL_OFFER, DAY0 + 15 * HOUR);
    h.processElement1(new StreamRecord<>(erasure, DAY0 + 15 * HOUR));

    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
    assertThat(h.extractOutputValues()).containsExactly(erasure);
  }

  @Test
  void erasureOnTheConsentSideForgetsTheOptOut() throws Exception {
    open(cap(0));
    consent("optout", DAY0 + HOUR, true);
    eventTimeReaches(DAY0 + 2 * HOUR);
    assertThat(h.numKeyedStateEntries()).isEqualTo(1);

    h.processElement2(
        new StreamRecord<>(ConsentChange.erasure(HOLDER, DAY0 + 3 * HOUR), DAY0 + 3 * HOUR));

    assertThat(h.numKeyedStateEntries()).isZero();
    // Consent starts from "allowed" again: a new history, nothing remembered of the old one.
    decide(callback("after", DAY0 + 4 * HOUR));
    eventTimeReaches(DAY0 + 5 * HOUR);
    assertThat(sent()).containsExactly("after");
  }
}
