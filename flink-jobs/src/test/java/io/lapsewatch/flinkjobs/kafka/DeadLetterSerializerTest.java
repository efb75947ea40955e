package io.lapsewatch.flinkjobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.featurestore.events.DeadLetterFit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;

class DeadLetterSerializerTest {
  private static final String DLQ = "policy-events-dlq";

  private static DeadLetter letter(byte[] value) {
    DeadLetter d = new DeadLetter();
    d.key = "PH00000042".getBytes(StandardCharsets.UTF_8);
    d.value = value;
    d.reasonCode = "too_large";
    d.reason = "record is " + value.length + " bytes, limit 65536";
    d.sourceTopic = "policy-events";
    d.sourcePartition = 1;
    d.sourceOffset = 4711;
    return d;
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** What the Kafka producer compares with max.request.size before it sends a record. */
  private static int kafkaEstimate(ProducerRecord<byte[], byte[]> r) {
    return AbstractRecords.estimateSizeInBytesUpperBound(
        RecordBatch.CURRENT_MAGIC_VALUE,
        CompressionType.NONE,
        r.key(),
        r.value(),
        r.headers().toArray());
  }

  @Test
  void shouldFitAOneMegabyteDeadLetterUnderKafkasDefaultRequestLimit() throws Exception {
    byte[] huge = new byte[1_048_000];
    new Random(7).nextBytes(huge);

    ProducerRecord<byte[], byte[]> r =
        new DeadLetterSerializer(DLQ).serialize(letter(huge), null, 1_741_939_200_000L);

    assertThat(kafkaEstimate(r)).isLessThanOrEqualTo(1_000_000).isLessThan(1_048_576);
    assertThat(r.topic()).isEqualTo(DLQ);
    assertThat(r.timestamp()).isEqualTo(1_741_939_200_000L);
    assertThat(r.key()).isEqualTo("PH00000042".getBytes(StandardCharsets.UTF_8));
    assertThat(r.value()).isEqualTo(Arrays.copyOf(huge, r.value().length));
    assertThat(header(r, DeadLetterFit.TRUNCATED)).isEqualTo("true");
    assertThat(header(r, DeadLetterFit.ORIGINAL_SIZE)).isEqualTo("1048000");
    assertThat(header(r, DeadLetterFit.ORIGINAL_SHA256))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(huge)));
    assertThat(header(r, DeadLetterSerializer.REASON_CODE)).isEqualTo("too_large");
    assertThat(header(r, DeadLetterSerializer.SOURCE_TOPIC)).isEqualTo("policy-events");
    assertThat(header(r, DeadLetterSerializer.SOURCE_PARTITION)).isEqualTo("1");
    assertThat(header(r, DeadLetterSerializer.SOURCE_OFFSET)).isEqualTo("4711");
  }

  @Test
  void shouldWriteASmallDeadLetterWithItsOriginalBytes() {
    byte[] bad = "{\"type\":\"A\",\"type\":\"B\"}".getBytes(StandardCharsets.UTF_8);

    ProducerRecord<byte[], byte[]> r =
        new DeadLetterSerializer(DLQ).serialize(letter(bad), null, null);

    assertThat(r.value()).isEqualTo(bad);
    assertThat(header(r, DeadLetterFit.TRUNCATED)).isNull();
    assertThat(header(r, DeadLetterSerializer.REASON))
        .isEqualTo("record is " + bad.length + " bytes, limit 65536");
  }

  @Test
  void shouldFollowALowerLimitDerivedFromTheProducerSettings() {
    java.util.Properties producer = new java.util.Properties();
    producer.setProperty("max.request.size", "262144");
    int limit = DeadLetterFit.limitFor(producer);

    ProducerRecord<byte[], byte[]> r =
        new DeadLetterSerializer(DLQ, limit).serialize(letter(new byte[500_000]), null, null);

    assertThat(kafkaEstimate(r)).isLessThanOrEqualTo(262_144 - 48_576);
  }

  @Test
  void shouldRefuseATooSmallLimitWhenTheJobIsBuilt() {
    assertThatThrownBy(() -> new DeadLetterSerializer(DLQ, 100)).hasMessageContaining("100");
  }
}
