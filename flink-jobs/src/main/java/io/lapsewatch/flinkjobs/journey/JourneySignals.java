package io.lapsewatch.flinkjobs.journey;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.flinkjobs.contact.ConsentChange;
import io.lapsewatch.flinkjobs.functions.ScoreAndDecide;
import io.lapsewatch.flinkjobs.functions.TermEvent;
import io.lapsewatch.flinkjobs.functions.UpdateFeatures;
import io.lapsewatch.journeys.engine.JourneySignal;
import io.lapsewatch.journeys.plan.JourneyPlans;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires journeys into the scoring job: what the job learns about a policyholder (the decision's
 * alerts, fresh scores of alerted terms, term ends, the desk's results, consent changes) becomes
 * one stream of {@link JourneySignal}s, keyed by policyholder into {@link RunJourneys}.
 */
public final class JourneySignals {
  private static final TypeInformation<JourneySignal> SIGNAL =
      TypeInformation.of(JourneySignal.class);

  private JourneySignals() {}

  /** The alerts that go on to capacity and the contact rules: journey steps and pass-throughs. */
  public static DataStream<Alert> runJourneys(
      JourneyPlans plans,
      SingleOutputStreamOperator<Alert> decided,
      SingleOutputStreamOperator<FeatureVector> vectors,
      DataStream<TermEvent> termEnds,
      DataStream<ConsentChange> consent) {
    DataStream<JourneySignal> alerts =
        decided.map(JourneySignal::alert).returns(SIGNAL).name("alerts-to-journeys");
    DataStream<JourneySignal> risk = decided.getSideOutput(ScoreAndDecide.JOURNEY_RISK);
    DataStream<JourneySignal> ends =
        termEnds
            .map(
                t ->
                    JourneySignal.termEnded(
                        t.policyholderId, t.at, t.policyId, t.type == EventType.POLICY_RENEWED))
            .returns(SIGNAL)
            .name("term-ends-to-journeys");
    DataStream<JourneySignal> results =
        vectors
            .getSideOutput(UpdateFeatures.CASE_RESULTS)
            .map(JourneySignals::caseResult)
            .returns(SIGNAL)
            .name("case-results-to-journeys");
    DataStream<JourneySignal> consentChanges =
        consent
            .filter(c -> !c.erasure)
            .map(c -> JourneySignal.consent(c.policyholderId, c.at, c.doNotContact))
            .returns(SIGNAL)
            .name("consent-to-journeys");
    return alerts
        .union(risk, ends, results, consentChanges)
        .keyBy(s -> s.policyholderId)
        .process(new RunJourneys(plans))
        .returns(Alert.class)
        .name("journeys")
        .uid("journeys");
  }

  static JourneySignal caseResult(TermEvent t) {
    return t.type == EventType.CALLBACK_COMPLETED
        ? JourneySignal.callbackResult(t.policyholderId, t.at, t.policyId, t.detail)
        : JourneySignal.offerReceived(t.policyholderId, t.at, t.policyId);
  }
}
