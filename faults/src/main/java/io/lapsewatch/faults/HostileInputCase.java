package io.lapsewatch.faults;

import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.featurestore.events.DeadLetterFit;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.store.RedisFeatureStore;
import io.lapsewatch.flinkjobs.kafka.DeadLetterSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A hostile producer or a careless operator in the middle of the replay: the job must give every
 * other policyholder exactly the alerts, outcomes and stored vectors of the clean run, and emit
 * nothing spurious. The policyholders the input itself touches are left out of the comparison and
 * checked on their own terms.
 */
final class HostileInputCase implements FaultCase {
  /** What is injected. */
  enum Kind {
    /** One event stamped 16 months ahead, as a producer with a broken clock sends. */
    FAR_FUTURE("far-future-event"),
    /** A producer whose clock runs an hour ahead, serving one policyholder in twenty. */
    CLOCK_AHEAD("producer-clock-ahead"),
    /** An operator's erasure request, stamped with today's wall clock, mid-replay. */
    ERASE("erase-mid-stream"),
    /** Records that would merge two policyholders or hide one behind another's id. */
    IDENTITY_COLLISIONS("identity-collisions"),
    /** A record of about 1 MB: its dead letter must still fit the topic. */
    HUGE_RECORD("huge-event-record");

    final String caseName;

    Kind(String caseName) {
      this.caseName = caseName;
    }
  }

  private static final long HOUR_MS = 3_600_000L;
  private final Kind kind;

  HostileInputCase(Kind kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return kind.caseName;
  }

  @Override
  public FaultResult run(FaultStack s) throws Exception {
    FaultStack.JobOutput ref = s.reference();
    Map<String, Outcome> refOutcomes = outcomes(s, FaultStack.REFERENCE);
    String run = name();
    List<byte[][]> clean = s.events();
    int middle = clean.size() / 2;
    Set<String> touched = new LinkedHashSet<>();
    List<byte[][]> records = new ArrayList<>(clean.size() + 1);
    String injected;
    String erased = null;
    int expectedDeadLetters = 0;
    switch (kind) {
      case FAR_FUTURE -> {
        PolicyEvent at = EventCodec.parse(clean.get(middle)[1]);
        touched.add(at.policyholderId);
        records.addAll(clean.subList(0, middle));
        records.add(
            record(
                Events.session(
                    "faults-far-future",
                    at.policyholderId,
                    Instant.ofEpochMilli(at.occurredAt).plusSeconds(480L * 86_400),
                    "APP",
                    "HOME")));
        records.addAll(clean.subList(middle, clean.size()));
        injected = "one event stamped 480 days ahead, in the middle of the replay";
      }
      case CLOCK_AHEAD -> {
        long shifted = 0;
        for (int i = 0; i < clean.size(); i++) {
          PolicyEvent e = EventCodec.parse(clean.get(i)[1]);
          if (i >= middle && Math.floorMod(e.policyholderId.hashCode(), 20) == 0) {
            touched.add(e.policyholderId);
            e.occurredAt += HOUR_MS;
            records.add(record(e));
            shifted++;
          } else {
            records.add(clean.get(i));
          }
        }
        injected =
            String.format(
                "%,d events of %d policyholders stamped 1 h ahead from the middle of the replay",
                shifted, touched.size());
      }
      case ERASE -> {
        erased = EventCodec.parse(clean.get(middle)[1]).policyholderId;
        touched.add(erased);
        int dropped = 0;
        for (int i = 0; i < clean.size(); i++) {
          if (i == middle) {
            records.add(record(Events.erased("faults-erase", erased, Instant.now())));
          }
          if (i >= middle && key(clean.get(i)).equals(erased)) {
            dropped++; // nothing arrives for an erased policyholder
            continue;
          }
          records.add(clean.get(i));
        }
        injected =
            "an erasure request stamped with the wall clock in the middle of the replay ("
                + dropped
                + " later events of that policyholder withheld)";
      }
      case IDENTITY_COLLISIONS -> {
        PolicyEvent next = EventCodec.parse(clean.get(middle)[1]);
        String valid = new String(clean.get(middle)[1], StandardCharsets.UTF_8);
        String id = next.policyholderId;
        List<String> hostile =
            List.of(
                // Duplicate keys: last-wins would file the event under another policyholder.
                valid.replaceFirst("\\{", "{\"policyholderId\":\"PH99999999\","),
                valid.replaceFirst("\\{", "{\"type\":\"POLICY_LAPSED\","),
                // Ids that print alike, or merge in Redis keys.
                valid.replace("\"" + id + "\"", "\"" + id + "\\u0000\""),
                valid.replace("\"" + id + "\"", "\"" + id + "\\n\\u001b[31m\""),
                valid.replace("\"" + id + "\"", "\"\\u202e" + id + "\""),
                valid.replace("\"" + id + "\"", "\" " + id + " \""),
                valid.replace("\"" + id + "\"", "\"" + id + "\\ud800\""),
                valid.replace("\"" + id + "\"", "\"" + id + "\\udbff\""));
        records.addAll(clean.subList(0, middle));
        for (String h : hostile) {
          // Same event id as the valid event that follows: it must not be taken for a repeat.
          records.add(new byte[][] {clean.get(middle)[0], h.getBytes(StandardCharsets.UTF_8)});
        }
        records.addAll(clean.subList(middle, clean.size()));
        expectedDeadLetters = hostile.size();
        injected =
            hostile.size()
                + " records with duplicate keys or ids with NUL, ANSI codes, a bidi override,"
                + " spaces and lone surrogates, sharing the event id of the valid event after them";
      }
      case HUGE_RECORD -> {
        byte[] huge = new byte[1_048_000];
        java.util.Arrays.fill(huge, (byte) 'x');
        huge[0] = '{';
        records.addAll(clean.subList(0, middle));
        records.add(new byte[][] {clean.get(middle)[0], huge});
        records.addAll(clean.subList(middle, clean.size()));
        expectedDeadLetters = 1;
        injected = "one 1,048,000-byte record in the middle of the replay";
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    String topic = "faults-events-" + run;
    s.kafka().createTopics(2, topic);
    EmbeddedKafka.produce(s.kafka().bootstrapServers(), topic, records);

    s.clearFeatures();
    Tripwire.arm(run, Long.MAX_VALUE);
    FaultStack.awaitSuccess(s.submit(run, topic, new Configuration()));
    FaultStack.JobOutput got = s.collect(run);

    Ledger ledger = new Ledger();
    ledger.alerts(
        withoutHolders(ref.alertsById(), touched), withoutHolders(got.alertsById(), touched));
    ledger.vectors(withoutKeys(ref.vectors(), touched), withoutKeys(got.vectors(), touched));
    ledger.outcomes(
        withoutOutcomes(refOutcomes, touched), withoutOutcomes(outcomes(s, run), touched));
    List<ConsumerRecord<byte[], byte[]>> dead = s.read("dlq-" + run);
    ledger.measures.put("dead_letters", (long) dead.size());
    ledger.measures.put("policyholders_touched", (long) touched.size());
    ledger.expected += expectedDeadLetters;
    ledger.present += Math.min(dead.size(), expectedDeadLetters);
    ledger.notes.add(
        String.format("dead letters %d (expected %d)", dead.size(), expectedDeadLetters));
    if (dead.size() > expectedDeadLetters) {
      ledger.violations.add(
          (dead.size() - expectedDeadLetters) + " valid events dead-lettered (none is too late)");
    }
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      if (r.headers().lastHeader(DeadLetterSerializer.REASON_CODE) == null) {
        ledger.violations.add("a dead letter without a reason code");
      }
      if (kind == Kind.HUGE_RECORD
          && r.headers().lastHeader(DeadLetterFit.ORIGINAL_SHA256) == null) {
        ledger.violations.add("the 1 MB dead letter carries no original size and SHA-256");
      }
    }
    if (erased != null) {
      checkErased(s, run, erased, ledger);
    }
    return ledger.result(
        name(), injected, "alerts + stored vectors + outcomes of every other policyholder");
  }

  /** Nothing stored and nothing emitted for the erased policyholder after the request. */
  private static void checkErased(FaultStack s, String run, String erased, Ledger ledger) {
    try (var jedis = s.jedis()) {
      if (jedis.exists(RedisFeatureStore.key(erased))) {
        ledger.violations.add("the erased policyholder's features are still in Redis");
      }
    }
    boolean tombstone = false;
    long after = 0;
    for (ConsumerRecord<byte[], byte[]> r : s.read("alerts-" + run)) {
      if (new String(r.key(), StandardCharsets.UTF_8).equals(erased)) {
        if (r.value() == null) {
          tombstone = true;
        } else if (tombstone) {
          after++;
        }
      }
    }
    ledger.measures.put("alerts_after_erasure", after);
    if (!tombstone) {
      ledger.violations.add("no tombstone for the erased policyholder on the alerts topic");
    }
    if (after > 0) {
      ledger.violations.add(after + " alerts for the erased policyholder after its tombstone");
    }
  }

  private static byte[][] record(PolicyEvent e) {
    return new byte[][] {e.policyholderId.getBytes(StandardCharsets.UTF_8), EventCodec.toBytes(e)};
  }

  private static String key(byte[][] record) {
    return new String(record[0], StandardCharsets.UTF_8);
  }

  static Map<String, Outcome> outcomes(FaultStack s, String run) throws IOException {
    Map<String, Outcome> byId = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : s.read("outcomes-" + run)) {
      Outcome o = OutcomeJson.parse(r.value());
      byId.put(o.alertId + " " + o.outcome, o);
    }
    return byId;
  }

  private static Map<String, List<byte[]>> withoutHolders(
      Map<String, List<byte[]>> alerts, Set<String> holders) throws IOException {
    Map<String, List<byte[]>> out = new TreeMap<>();
    for (Map.Entry<String, List<byte[]>> e : alerts.entrySet()) {
      if (!holders.contains(AlertJson.parse(e.getValue().get(0)).policyholderId)) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static Map<String, Map<String, String>> withoutKeys(
      Map<String, Map<String, String>> vectors, Set<String> holders) {
    Map<String, Map<String, String>> out = new TreeMap<>(vectors);
    for (String h : holders) {
      out.remove(RedisFeatureStore.key(h));
    }
    return out;
  }

  private static Map<String, Outcome> withoutOutcomes(
      Map<String, Outcome> outcomes, Set<String> holders) {
    Map<String, Outcome> out = new TreeMap<>();
    outcomes.forEach(
        (k, o) -> {
          if (!holders.contains(o.policyholderId)) {
            out.put(k, o);
          }
        });
    return out;
  }
}
