package io.lapsewatch.flinkjobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.PolicyEvent;
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

  private OneInputStreamOperatorTestHarness<ParsedRecord, PolicyEvent> harness;
  private long offset;

  @BeforeEach
  void open() throws Exception {
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new ProcessOperator<>(new ValidateEvents(LATENESS)));
    harness.open();
    harness.processWatermark(NOW.toEpochMilli());
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
}
