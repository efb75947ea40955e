package io.lapsewatch.flinkjobs.kafka;

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
}
