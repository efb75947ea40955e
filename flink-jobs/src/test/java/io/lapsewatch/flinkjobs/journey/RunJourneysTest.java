package io.lapsewatch.flinkjobs.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.journeys.engine.JourneySignal;
import io.lapsewatch.journeys.plan.JourneyPlans;
import io.lapsewatch.journeys.plan.PlanLoader;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Journeys in the job's keyed state, on Flink's operator test harness in event time. */
class RunJourneysTest {
  private static final long DAY = 86_400_000L;
  private static final long T0 = TestingAlerts.AS_OF.toEpochMilli();
  private static final String HOLDER = "PH-1";

  static final JourneyPlans PLANS =
      PlanLoader.parse(
          """
          version: 1
          plans:
            - id: standard-renewal
              version: 1
              entry: {tiers: [STANDARD]}
              steps:
                - {id: renewal-offer, action: renewal-offer}
                - id: callback-if-silent
                  after-days: 14
                  when: {engaged-since-last-step: false}
                  action: callback
          """,
          "test.yaml");

  private KeyedOneInputStreamOperatorTestHarness<String, JourneySignal, Alert> h;

  private KeyedOneInputStreamOperatorTestHarness<String, JourneySignal, Alert> harness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new RunJourneys(PLANS)), s -> s.policyholderId, Types.STRING);
  }

  private void open() throws Exception {
    h = harness();
    h.open();
  }

  @AfterEach
  void close() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  private static Alert atRisk() {
    Alert a = TestingAlerts.standardOffer(HOLDER);
    a.riskBand = RiskBand.HIGH;
    return a;
  }

  private void signal(JourneySignal s) throws Exception {
    h.processElement(new StreamRecord<>(s, s.at));
  }

  private List<Alert> out() {
    return h.extractOutputValues();
  }

  @Test
  void shouldApplySignalsInEventTimeOrderWhateverOrderTheyArriveIn() throws Exception {
    open();
    Alert entry = atRisk();
    signal(JourneySignal.termEnded(HOLDER, T0 + DAY, entry.policyId, true));
    signal(JourneySignal.alert(entry));
    assertThat(out()).as("nothing before the watermark").isEmpty();

    h.processWatermark(new Watermark(T0 + 20 * DAY));

    assertThat(out()).extracting(a -> a.journeyStep).containsExactly("renewal-offer");
    assertThat(h.numKeyedStateEntries()).as("journey and waiting signals gone").isZero();
  }

  @Test
  void shouldTakeADueStepOnItsTimer() throws Exception {
    open();
    signal(JourneySignal.alert(atRisk()));
    h.processWatermark(new Watermark(T0 + 14 * DAY - 1));
    assertThat(out()).hasSize(1);

    h.processWatermark(new Watermark(T0 + 14 * DAY));

    assertThat(out()).hasSize(2);
    Alert callback = out().get(1);
    assertThat(callback.action).isEqualTo(RetentionAction.AGENT_CALLBACK);
    assertThat(callback.asOf).isEqualTo(T0 + 14 * DAY);
  }

  @Test
  void shouldResumeFromACheckpointWithoutLosingOrRepeatingAStep() throws Exception {
    open();
    signal(JourneySignal.alert(atRisk()));
    h.processWatermark(new Watermark(T0 + DAY));
    assertThat(out()).hasSize(1);
    OperatorSubtaskState snapshot = h.snapshot(1L, T0 + DAY);
    h.close();

    h = harness();
    h.initializeState(snapshot);
    h.open();
    h.processWatermark(new Watermark(T0 + 30 * DAY));

    assertThat(out()).extracting(a -> a.journeyStep).containsExactly("callback-if-silent");
  }

  @Test
  void shouldNotTakeStepsBeyondTheEndOfABoundedInput() throws Exception {
    open();
    signal(JourneySignal.alert(atRisk()));

    h.processWatermark(new Watermark(Long.MAX_VALUE));

    assertThat(out()).extracting(a -> a.journeyStep).containsExactly("renewal-offer");
  }

  @Test
  void shouldCancelTheScheduledCallbackOnOptOut() throws Exception {
    open();
    signal(JourneySignal.alert(atRisk()));
    signal(JourneySignal.consent(HOLDER, T0 + 3 * DAY, true));

    h.processWatermark(new Watermark(T0 + 30 * DAY));

    assertThat(out()).extracting(a -> a.journeyStep).containsExactly("renewal-offer");
    assertThat(h.numKeyedStateEntries()).isZero();
  }

  @Test
  void shouldPassErasureOnAndKeepNothing() throws Exception {
    open();
    signal(JourneySignal.alert(atRisk()));
    // The decision sends one marker per action, at the same moment, neither with an alert id.
    signal(JourneySignal.alert(Alert.erasure(HOLDER, RetentionAction.RENEWAL_OFFER, T0 + 2 * DAY)));
    signal(
        JourneySignal.alert(Alert.erasure(HOLDER, RetentionAction.AGENT_CALLBACK, T0 + 2 * DAY)));
    signal(JourneySignal.consent(HOLDER, T0 + 5 * DAY, false));

    h.processWatermark(new Watermark(T0 + 2 * DAY));

    assertThat(out()).hasSize(3);
    assertThat(out().subList(1, 3)).allSatisfy(a -> assertThat(a.erasure).isTrue());
    assertThat(h.numKeyedStateEntries()).isZero();
  }

  @Test
  void shouldPassAlertsNoPlanAdmits() throws Exception {
    open();
    Alert highValue = TestingAlerts.highValueCallback(HOLDER);

    signal(JourneySignal.alert(highValue));
    h.processWatermark(new Watermark(T0));

    assertThat(out()).containsExactly(highValue);
  }
}
