package io.lapsewatch.faults;

import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.flinkjobs.kafka.DeadLetterSerializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * At least 10,000 broken records (see {@link Mutations}) interleaved with the clean stream, each
 * keyed like the valid event it was made from. The job runs with restarts disabled, so any
 * exception would fail it: it must finish, put every broken record on the dead-letter topic with a
 * reason, and produce from the valid events exactly the alerts and vectors of the clean run.
 */
final class MutatedEventsCase implements FaultCase {
  static final String TOPIC = "faults-mutated-events";

  @Override
  public String name() {
    return "mutated-events";
  }

  @Override
  public FaultResult run(FaultStack s) throws Exception {
    FaultStack.JobOutput ref = s.reference();
    String run = name();
    List<byte[][]> valid = s.events();
    int mutants = s.quick() ? 10_000 : Math.max(12_000, valid.size() / 5);
    Mutations mutations = new Mutations(4242, s.quick() ? 2_000 : 1_000);
    // Expected dead letters as a multiset: a few cut-offs and the empty values repeat.
    Map<String, Integer> expected = new HashMap<>();
    Map<String, Integer> kinds = new TreeMap<>();
    List<byte[][]> records = new ArrayList<>(valid.size() + mutants);
    int every = Math.max(1, valid.size() / mutants);
    int made = 0;
    for (int i = 0; i < valid.size() || made < mutants; i++) {
      byte[][] base = valid.get(Math.min(i, valid.size() - 1));
      if (i < valid.size()) {
        records.add(base);
      }
      if (made < mutants && (i % every == 0 || i >= valid.size())) {
        byte[] m = mutations.mutate(made, base[1]);
        expected.merge(digest(m), 1, Integer::sum);
        kinds.merge(mutations.kindOf(made), 1, Integer::sum);
        records.add(new byte[][] {base[0], m});
        made++;
      }
    }
    s.kafka().createTopics(2, TOPIC);
    EmbeddedKafka.produce(s.kafka().bootstrapServers(), TOPIC, records);

    s.clearFeatures();
    Tripwire.arm(run, Long.MAX_VALUE);
    Configuration noRestarts = new Configuration();
    noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    String jobState = "FINISHED";
    try {
      FaultStack.awaitSuccess(s.submit(run, TOPIC, noRestarts));
    } catch (Exception e) {
      jobState = "FAILED: " + e;
    }

    Ledger ledger = new Ledger();
    Map<String, Integer> reasons = new TreeMap<>();
    long withoutReason = 0;
    long unexpected = 0;
    Map<String, Integer> left = new HashMap<>(expected);
    for (ConsumerRecord<byte[], byte[]> r : s.read("dlq-" + run)) {
      Header reason = r.headers().lastHeader(DeadLetterSerializer.REASON);
      Header code = r.headers().lastHeader(DeadLetterSerializer.REASON_CODE);
      if (reason == null || code == null || reason.value().length == 0) {
        withoutReason++;
      } else {
        reasons.merge(new String(code.value(), StandardCharsets.UTF_8), 1, Integer::sum);
      }
      // A dead letter cut to fit the topic names its original by SHA-256.
      Header original =
          r.headers().lastHeader(io.lapsewatch.featurestore.events.DeadLetterFit.ORIGINAL_SHA256);
      String d =
          original != null
              ? new String(original.value(), StandardCharsets.UTF_8)
              : digest(r.value() == null ? new byte[0] : r.value());
      Integer n = left.get(d);
      if (n == null || n == 0) {
        unexpected++;
      } else {
        left.put(d, n - 1);
      }
    }
    long missing = left.values().stream().mapToLong(Integer::longValue).sum();
    ledger.expected += mutants;
    ledger.present += mutants - missing;
    ledger.notes.add(
        String.format("dead letters %d of %d mutated records", mutants - missing, mutants));
    ledger.notes.add("mutations by kind: " + kinds);
    ledger.notes.add("dead-letter reason codes: " + reasons);
    ledger.measures.put("mutated_records", (long) mutants);
    ledger.measures.put("dead_letters_matched", mutants - missing);
    ledger.measures.put("dead_letters_without_reason", withoutReason);
    ledger.measures.put("dead_letters_unexpected", unexpected);
    ledger.measures.put("job_finished", jobState.equals("FINISHED") ? 1L : 0L);
    if (withoutReason > 0) {
      ledger.violations.add(withoutReason + " dead letters without a reason header");
    }
    if (unexpected > 0) {
      ledger.violations.add(unexpected + " dead letters that are not one of the mutated records");
    }
    if (!jobState.equals("FINISHED")) {
      ledger.violations.add("the job did not survive the input: " + jobState);
    }
    FaultStack.JobOutput got = s.collect(run);
    ledger.alerts(ref.alertsById(), got.alertsById());
    ledger.vectors(ref.vectors(), got.vectors());
    return ledger.result(
        name(),
        mutants
            + " mutated records ("
            + kinds.size()
            + " kinds, "
            + kinds.getOrDefault("huge_field", 0)
            + " of ~1 MB) among "
            + valid.size()
            + " valid events, job restarts disabled",
        "dead letters + alerts + vectors");
  }

  private static String digest(byte[] value) {
    // The same hash the dead-letter topic names a cut-down original by.
    return io.lapsewatch.featurestore.events.DeadLetterFit.sha256(value);
  }
}
