package io.lapsewatch.jobs.kafka;

/**
 * One Kafka record after checking it against the event contract: either a valid event or a dead
 * letter carrying the original bytes and the reason. Parsed in the source so event time, and so the
 * watermark, is tracked per Kafka partition.
 */
public class ParsedRecord {
  public io.lapsewatch.events.PolicyEvent event;
  public DeadLetter deadLetter;

  public ParsedRecord() {}

  public static ParsedRecord valid(io.lapsewatch.events.PolicyEvent e) {
    ParsedRecord r = new ParsedRecord();
    r.event = e;
    return r;
  }

  public static ParsedRecord invalid(DeadLetter d) {
    ParsedRecord r = new ParsedRecord();
    r.deadLetter = d;
    return r;
  }
}
