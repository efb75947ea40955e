package io.lapsewatch.jobs.kafka;

/**
 * A record the job could not use: the original bytes, why, and its source position. Written to the
 * dead-letter topic with the bytes untouched so it can be fixed and replayed.
 */
public class DeadLetter {
  public byte[] key;
  public byte[] value;
  public String reasonCode;
  public String reason;
  public String sourceTopic;
  public int sourcePartition;
  public long sourceOffset;

  public DeadLetter() {}

  public static DeadLetter of(RawRecord r, String reasonCode, String reason) {
    DeadLetter d = new DeadLetter();
    d.key = r.key;
    d.value = r.value;
    d.reasonCode = reasonCode;
    d.reason = reason;
    d.sourceTopic = r.topic;
    d.sourcePartition = r.partition;
    d.sourceOffset = r.offset;
    return d;
  }
}
