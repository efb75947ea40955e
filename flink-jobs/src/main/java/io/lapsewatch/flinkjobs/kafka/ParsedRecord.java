package io.lapsewatch.flinkjobs.kafka;

import io.lapsewatch.featurestore.events.PolicyEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One Kafka record after checking it against the event contract: either a valid event with where it
 * came from, or a dead letter carrying the original bytes and the reason. Parsed in the source so
 * event time, and so the watermark, is tracked per Kafka partition.
 */
public class ParsedRecord {
  public PolicyEvent event;
  public DeadLetter deadLetter;

  /**
   * A valid event's original record (key, value, topic, partition, offset), for the dead letter it
   * becomes if it turns out too late. The source and the validation are chained, so keeping it
   * costs references, not copies.
   */
  public byte[] key;

  public byte[] value;
  public String topic;
  public int partition;
  public long offset;

  public ParsedRecord() {}

  public static ParsedRecord valid(PolicyEvent e, ConsumerRecord<byte[], byte[]> source) {
    ParsedRecord r = new ParsedRecord();
    r.event = e;
    r.key = source.key();
    r.value = source.value();
    r.topic = source.topic();
    r.partition = source.partition();
    r.offset = source.offset();
    return r;
  }

  /** A record that broke the contract, as a dead letter with the reason. */
  public static DeadLetter deadLetter(
      ConsumerRecord<byte[], byte[]> record, String reasonCode, String reason) {
    return deadLetter(
        record.key(),
        record.value(),
        record.topic(),
        record.partition(),
        record.offset(),
        reasonCode,
        reason);
  }

  /** This valid event's original record as a dead letter (e.g. it came too late). */
  public DeadLetter asDeadLetter(String reasonCode, String reason) {
    return deadLetter(key, value, topic, partition, offset, reasonCode, reason);
  }

  private static DeadLetter deadLetter(
      byte[] key,
      byte[] value,
      String topic,
      int partition,
      long offset,
      String reasonCode,
      String reason) {
    DeadLetter d = new DeadLetter();
    d.key = key;
    d.value = value;
    d.reasonCode = reasonCode;
    d.reason = reason;
    d.sourceTopic = topic;
    d.sourcePartition = partition;
    d.sourceOffset = offset;
    return d;
  }

  public static ParsedRecord invalid(DeadLetter d) {
    ParsedRecord r = new ParsedRecord();
    r.deadLetter = d;
    return r;
  }
}
