package io.lapsewatch.flinkjobs.monitoring;

import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.flinkjobs.JobSettings;
import io.lapsewatch.flinkjobs.functions.TermEvent;
import io.lapsewatch.modeltraining.monitoring.MonitoredTerm;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The monitoring part of the scoring job: scored terms are labelled with their outcome when their
 * term ends ({@link LabelMonitoredTerms}, which also marks the terms the retention programme
 * contacted, from the desk's case results), both kinds go to the monitoring topic and into {@link
 * MonitorModel}.
 */
public final class ModelMonitoring {
  private ModelMonitoring() {}

  /**
   * Adds the monitoring operators.
   *
   * @param scored ScoreAndDecide's MONITORED side output
   * @param termEvents renewals, lapses and cancellations (UpdateFeatures.TERM_EVENTS)
   * @param caseResults offers sent and callbacks completed (UpdateFeatures.CASE_RESULTS)
   * @param vectors the feature vectors, for their erasure markers
   * @param sink where monitored terms go
   */
  public static void build(
      DataStream<MonitoredTerm> scored,
      DataStream<TermEvent> termEvents,
      DataStream<TermEvent> caseResults,
      DataStream<FeatureVector> vectors,
      JobSettings settings,
      Sink<MonitoredTerm> sink) {
    MonitoringSettings m = settings.monitoring();
    DataStream<TermEvent> erasures =
        vectors
            .filter(v -> v.erased && !v.retired)
            .name("monitoring-erasures")
            .uid("monitoring-erasures")
            .map(ModelMonitoring::erasure)
            .returns(TypeInformation.of(TermEvent.class))
            .name("monitoring-erasure-events")
            .uid("monitoring-erasure-events");
    DataStream<MonitoredTerm> ended =
        scored
            .connect(termEvents.union(caseResults, erasures))
            .keyBy(t -> t.policyholderId, e -> e.policyholderId)
            .process(new LabelMonitoredTerms(settings.allowedLatenessMs()))
            .returns(TypeInformation.of(MonitoredTerm.class))
            .name("label-monitored-terms")
            .uid("label-monitored-terms");
    DataStream<MonitoredTerm> terms = scored.union(ended);
    terms.sinkTo(sink).name("model-monitoring").uid("model-monitoring-sink");
    terms
        .process(
            new MonitorModel(
                ReferenceProfiles.from(settings.modelSource()), m.windowDays(), m.minTerms()))
        .returns(org.apache.flink.api.common.typeinfo.Types.VOID)
        .setParallelism(1)
        .setMaxParallelism(1)
        .name("monitor-model")
        .uid("monitor-model");
  }

  /** The term event that tells {@link LabelMonitoredTerms} to forget a policyholder. */
  static TermEvent erasure(FeatureVector v) {
    return new TermEvent(v.policyholderId, null, EventType.POLICYHOLDER_ERASED, v.asOf);
  }
}
