package io.lapsewatch.faults;

import io.lapsewatch.alerts.service.DeadLetterSink;
import io.lapsewatch.featurestore.events.DeadLetterFit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Matches the alerts service's dead letters with the poison records that were injected, by the
 * SHA-256 of the original bytes (the value itself, or the {@code lw.dlq.original-sha256} header of
 * a dead letter cut to fit): each poison record must be there exactly once, with the reason code
 * the contract gives it and, when cut, its original size and a prefix of its bytes; a dead letter
 * that is no poison record is a valid record the service refused.
 */
final class DeadLetterAudit {
  private final Map<String, PoisonRecords.Poison> bySha = new HashMap<>();
  private final Map<String, String> topicOf = new HashMap<>();

  /** Found on the dead-letter topic: poison records once each, truncated ones among them. */
  long found;

  long truncated;
  long validRecordsDeadLettered;
  final Map<String, Long> reasons = new TreeMap<>();
  final List<String> violations = new ArrayList<>();
  final List<String> missing = new ArrayList<>();

  /** Expects each of {@code poisons}, injected on {@code topic}, on the dead-letter topic. */
  DeadLetterAudit expect(String topic, List<PoisonRecords.Poison> poisons) {
    for (PoisonRecords.Poison p : poisons) {
      String sha = DeadLetterFit.sha256(p.value());
      if (bySha.put(sha, p) != null) {
        throw new IllegalStateException("two poison records with the same bytes: " + p.kind());
      }
      topicOf.put(sha, topic);
    }
    return this;
  }

  /** Checks every record of the dead-letter topic against what was expected. */
  DeadLetterAudit audit(List<ConsumerRecord<byte[], byte[]>> deadLetters) {
    Map<String, Integer> seen = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> d : deadLetters) {
      String originalSha = header(d, DeadLetterFit.ORIGINAL_SHA256);
      String sha = originalSha != null ? originalSha : DeadLetterFit.sha256(d.value());
      PoisonRecords.Poison p = bySha.get(sha);
      String reason = header(d, DeadLetterSink.REASON_HEADER);
      if (p == null) {
        validRecordsDeadLettered++;
        violations.add(
            "a record that was not injected was dead-lettered ("
                + reason
                + ", from "
                + header(d, DeadLetterSink.SOURCE_HEADER)
                + ")");
        continue;
      }
      if (seen.merge(sha, 1, Integer::sum) > 1) {
        violations.add(p.kind() + " dead-lettered more than once");
        continue;
      }
      found++;
      reasons.merge(reason == null ? "(no reason header)" : reason, 1L, Long::sum);
      if (!p.reason().equals(reason)) {
        violations.add(
            p.kind()
                + " dead-lettered with reason "
                + reason
                + ", the contract says "
                + p.reason());
      }
      String source = header(d, DeadLetterSink.SOURCE_HEADER);
      if (source == null || !source.startsWith(topicOf.get(sha) + "/")) {
        violations.add(p.kind() + " dead letter names source " + source);
      }
      if (originalSha != null) {
        truncated++;
        checkCut(p, d);
      } else if (p.value().length > DeadLetterFit.DEFAULT_LIMIT) {
        violations.add(p.kind() + " dead letter kept all " + p.value().length + " bytes");
      } else if (!Arrays.equals(d.key(), p.key())) {
        violations.add(p.kind() + " dead letter does not keep the original key");
      }
    }
    for (Map.Entry<String, PoisonRecords.Poison> e : bySha.entrySet()) {
      if (!seen.containsKey(e.getKey())) {
        missing.add(e.getValue().kind());
      }
    }
    return this;
  }

  /** How many poison records were expected. */
  int expected() {
    return bySha.size();
  }

  /**
   * A dead letter cut to fit: headers say so and identify the original; the value is its prefix.
   */
  private void checkCut(PoisonRecords.Poison p, ConsumerRecord<byte[], byte[]> d) {
    if (!"true".equals(header(d, DeadLetterFit.TRUNCATED))) {
      violations.add(
          p.kind() + " dead letter cut without the " + DeadLetterFit.TRUNCATED + " header");
    }
    if (!Integer.toString(p.value().length).equals(header(d, DeadLetterFit.ORIGINAL_SIZE))) {
      violations.add(
          p.kind()
              + " dead letter says original size "
              + header(d, DeadLetterFit.ORIGINAL_SIZE)
              + ", was "
              + p.value().length);
    }
    if (d.value().length >= p.value().length
        || !Arrays.equals(d.value(), Arrays.copyOf(p.value(), d.value().length))) {
      violations.add(p.kind() + " dead letter is not a prefix of the original");
    }
    List<DeadLetterFit.Header> headers = new ArrayList<>();
    for (Header h : d.headers()) {
      headers.add(new DeadLetterFit.Header(h.key(), h.value()));
    }
    int size = DeadLetterFit.sizeUpperBound(d.key(), d.value(), headers);
    if (size > DeadLetterFit.DEFAULT_LIMIT) {
      violations.add(
          p.kind() + " dead letter takes " + size + " bytes, over " + DeadLetterFit.DEFAULT_LIMIT);
    }
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
