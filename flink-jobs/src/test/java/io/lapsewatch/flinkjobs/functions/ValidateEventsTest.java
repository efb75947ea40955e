package io.lapsewatch.flinkjobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.flinkjobs.kafka.DeadLetter;
import io.lapsewatch.flinkjobs.kafka.EventDeserializer;
import io.lapsewatch.flinkjobs.kafka.ParsedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Validation and lateness at the source, on Flink's operator test harness. */
class ValidateEventsTest {
  private static final long HOUR = 3_600_000L;
  private static final long LATENESS = 72 * HOUR;
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private TestingMetrics metrics;
  private OneInputStreamOperatorTestHarness<ParsedRecord, PolicyEvent> harness;
  private long offset;

  @BeforeEach
  void open() throws Exception {
    metrics = new TestingMetrics();
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new ProcessOperator<>(new ValidateEvents(LATENESS)), metrics.environment());
    harness.open();
    harness.processWatermark(NOW.toEpochMilli());
  }

  /** The job-level count (an accumulator the job reports at its end) named {@code name}. */
  private long total(String name) {
    Object v =
        harness.getEnvironment().getAccumulatorRegistry().getUserMap().get(name).getLocalValue();
    return (Long) v;
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** Parses {@code value} as the Kafka source does and feeds it to validation. */
  private void consume(byte[] value) throws Exception {
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(
            "policy-events", 1, offset++, "PH1".getBytes(StandardCharsets.UTF_8), value);
    List<ParsedRecord> parsed = new ArrayList<>();
    new EventDeserializer()
        .deserialize(
            record,
            new Collector<>() {
              @Override
              public void collect(ParsedRecord r) {
                parsed.add(r);
              }

              @Override
              public void close() {}
            });
    for (ParsedRecord r : parsed) {
      harness.processElement(new StreamRecord<>(r));
    }
  }

  private static byte[] session(String id, Instant at) {
    return EventCodec.toBytes(Events.session(id, "PH1", at, "APP", "HOME"));
  }

  private List<DeadLetter> deadLetters() {
    List<DeadLetter> out = new ArrayList<>();
    var side = harness.getSideOutput(ValidateEvents.DEAD_LETTERS);
    if (side != null) {
      side.forEach(r -> out.add(r.getValue()));
    }
    return out;
  }

  @Test
  void eventsWithinTheAllowedLatenessGoOn() throws Exception {
    consume(session("e-retry", NOW.minusSeconds(3)));
    consume(session("e-batch", NOW.minusMillis(LATENESS - HOUR)));

    assertThat(harness.extractOutputValues())
        .extracting(e -> e.eventId)
        .containsExactly("e-retry", "e-batch");
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void olderEventIsDeadLetteredWithItsOriginalBytesAndSourcePosition() throws Exception {
    consume(session("e-ok", NOW.plusSeconds(1)));
    byte[] original = session("e-old", NOW.minusMillis(LATENESS + HOUR));
    consume(original);

    assertThat(harness.extractOutputValues()).extracting(e -> e.eventId).containsExactly("e-ok");
    assertThat(deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reasonCode).isEqualTo(ValidateEvents.TOO_LATE);
              assertThat(d.value).isEqualTo(original);
              assertThat(d.sourceTopic).isEqualTo("policy-events");
              assertThat(d.sourcePartition).isEqualTo(1);
              assertThat(d.sourceOffset).isEqualTo(1);
              assertThat(d.reason).contains("allowed lateness");
            });
  }

  @Test
  void erasureRequestIsNeverTooLate() throws Exception {
    consume(
        EventCodec.toBytes(Events.erased("erase-1", "PH1", Instant.parse("2020-01-01T00:00:00Z"))));

    assertThat(harness.extractOutputValues()).extracting(e -> e.eventId).containsExactly("erase-1");
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void malformedRecordIsDeadLetteredWithItsReason() throws Exception {
    byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
    consume(garbage);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.value).isEqualTo(garbage);
              assertThat(d.reasonCode).isNotBlank().isNotEqualTo(ValidateEvents.TOO_LATE);
            });
  }

  @Test
  void validEventsAreCountedAndPassedOnUnchanged() throws Exception {
    PolicyEvent e = Events.session("e-1", "PH1", NOW.minusSeconds(60), "APP", "HOME");
    consume(EventCodec.toBytes(e));

    assertThat(harness.extractOutputValues()).singleElement().isEqualTo(e);
    assertThat(metrics.count("lapsewatch_events_valid")).isEqualTo(1);
    assertThat(total(JobCounters.EVENTS_VALID)).isEqualTo(1);
    assertThat(total(JobCounters.EVENTS_DEAD_LETTERED)).isZero();
  }

  @Test
  void unknownEventTypeIsDeadLetteredWithAReasonNamingTheType() throws Exception {
    String json = new String(session("e-odd", NOW), StandardCharsets.UTF_8);
    byte[] odd =
        json.replace("DIGITAL_SESSION", "TELEPATHY_SESSION").getBytes(StandardCharsets.UTF_8);
    consume(odd);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reasonCode).isEqualTo("unknown_type");
              assertThat(d.reason).contains("TELEPATHY_SESSION");
              assertThat(d.value).isEqualTo(odd);
              assertThat(d.key).isEqualTo("PH1".getBytes(StandardCharsets.UTF_8));
              assertThat(d.sourceOffset).isZero();
            });
    assertThat(total(JobCounters.EVENTS_DEAD_LETTERED)).isEqualTo(1);
    assertThat(total(JobCounters.EVENTS_TOO_LATE)).isZero();
  }

  @Test
  void outOfRangeValueIsDeadLetteredWithAReasonNamingTheValue() throws Exception {
    byte[] bad = EventCodec.toBytes(Events.survey("e-nps", "PH1", NOW, "NPS", 7)).clone();
    String json = new String(bad, StandardCharsets.UTF_8).replace("\"score\":7", "\"score\":11");
    consume(json.getBytes(StandardCharsets.UTF_8));

    assertThat(deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reasonCode).isNotEqualTo(ValidateEvents.TOO_LATE);
              assertThat(d.reason).contains("score").contains("11");
            });
  }

  @Test
  void anEventExactlyTheAllowedLatenessBehindTheWatermarkIsTooLate() throws Exception {
    consume(session("e-edge", NOW.minusMillis(LATENESS)));
    consume(session("e-inside", NOW.minusMillis(LATENESS - 1)));

    assertThat(harness.extractOutputValues())
        .extracting(e -> e.eventId)
        .containsExactly("e-inside");
    assertThat(deadLetters())
        .singleElement()
        .satisfies(d -> assertThat(d.reasonCode).isEqualTo(ValidateEvents.TOO_LATE));
    assertThat(metrics.count("lapsewatch_events_too_late")).isEqualTo(1);
    assertThat(total(JobCounters.EVENTS_TOO_LATE)).isEqualTo(1);
    assertThat(total(JobCounters.EVENTS_DEAD_LETTERED)).isEqualTo(1);
  }

  @Test
  void beforeTheFirstWatermarkNothingIsTooLate() throws Exception {
    harness.close();
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new ProcessOperator<>(new ValidateEvents(LATENESS)));
    harness.open();

    consume(session("e-ancient", Instant.parse("2001-01-01T00:00:00Z")));

    assertThat(harness.extractOutputValues())
        .extracting(e -> e.eventId)
        .containsExactly("e-ancient");
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void duplicatesAreNotValidationsBusinessAndPassOnForFeaturesToIgnore() throws Exception {
    byte[] once = session("e-dup", NOW.minusSeconds(5));
    consume(once);
    consume(once);

    // Deduplication by event id happens in UpdateFeatures, where the ids are kept per
    // policyholder; here a replayed record is as valid as the first.
    assertThat(harness.extractOutputValues())
        .extracting(e -> e.eventId)
        .containsExactly("e-dup", "e-dup");
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void aDuplicateTooLateRecordIsDeadLetteredEachTimeWithItsOwnOffset() throws Exception {
    byte[] old = session("e-old", NOW.minusMillis(LATENESS + HOUR));
    consume(old);
    consume(old);

    assertThat(deadLetters()).extracting(d -> d.sourceOffset).containsExactly(0L, 1L);
  }

  @Test
  void validationKeepsNoStateAndNoTimers() throws Exception {
    consume(session("e-1", NOW));
    consume(session("e-old", NOW.minusMillis(LATENESS + HOUR)));
    consume("{".getBytes(StandardCharsets.UTF_8));

    assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isZero();
    assertThat(harness.snapshot(1L, 1L).getManagedOperatorState()).isEmpty();
  }
}
