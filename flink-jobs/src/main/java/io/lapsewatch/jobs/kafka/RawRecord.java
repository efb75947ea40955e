package io.lapsewatch.jobs.kafka;

/** A Kafka record as read, before validation: bytes plus where it came from. */
public class RawRecord {
  public byte[] key;
  public byte[] value;
  public String topic;
  public int partition;
  public long offset;

  public RawRecord() {}

  public RawRecord(byte[] key, byte[] value, String topic, int partition, long offset) {
    this.key = key;
    this.value = value;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
  }
}
