package io.lapsewatch.faults;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.alerts.service.AlertsService;
import io.lapsewatch.alerts.service.AlertsServiceConfig;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.WebhookReceiver;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The alerts service reads the clean run's alerts and outcomes with poison records among them
 * (issue 12, findings 3 and 4): a record of about 1 MB on each topic, and alerts and outcomes that
 * collide with a valid one's identity (duplicate keys, ids with NUL, ANSI codes, an RTL override,
 * spaces or a lone surrogate, {@code "alertId": {}}) or carry a NaN score or a year-99999 date.
 * Each poison record sits right before the valid record it imitates, on the same partition, so a
 * poison record that got into the notification log would make its victim look like a duplicate.
 *
 * <p>Counted: every valid alert delivered to the webhook exactly once and unchanged, every valid
 * outcome counted once under its own tier, arm and kind, every poison record on the dead-letter
 * topic once with the contract's reason code (the 1 MB ones cut to fit, with their size and
 * SHA-256), nothing else dead-lettered, no delivery skipped as a duplicate, and the service still
 * answering {@code /-/healthy} at the end.
 */
final class PoisonRecordsCase implements FaultCase {
  private static final String NAME = "poison-records";

  @Override
  public String name() {
    return NAME;
  }

  /** The clean run's records, first copy per id, in topic order (outcomes by resolution). */
  private record Valid<T>(List<T> items, List<byte[]> keys, List<byte[]> values) {}

  @Override
  public FaultResult run(FaultStack s) throws Exception {
    s.reference();
    Valid<Alert> alerts = validAlerts(s);
    Valid<Outcome> outcomes = validOutcomes(s);
    Ledger ledger = new Ledger();
    if (alerts.items().size() < 2 * PoisonRecords.alertKinds()
        || outcomes.items().size() < 2 * PoisonRecords.outcomeKinds()) {
      ledger.violations.add(
          String.format(
              "the reference run has %d alerts and %d outcomes: too few to hide %d poison alerts"
                  + " and %d poison outcomes among",
              alerts.items().size(),
              outcomes.items().size(),
              PoisonRecords.alertKinds(),
              PoisonRecords.outcomeKinds()));
      return ledger.result(NAME, "(nothing: too few valid records)", "-");
    }

    List<Integer> alertVictims =
        spread(alerts, PoisonRecords.alertKinds(), a -> a.arm == Arm.TREATED);
    List<Integer> outcomeVictims = spread(outcomes, PoisonRecords.outcomeKinds(), o -> true);
    List<PoisonRecords.Poison> poisonAlerts =
        PoisonRecords.alerts(pick(alerts.items(), alertVictims), pick(alerts.keys(), alertVictims));
    List<PoisonRecords.Poison> poisonOutcomes =
        PoisonRecords.outcomes(
            pick(outcomes.items(), outcomeVictims), pick(outcomes.keys(), outcomeVictims));

    String alertsTopic = "faults-alerts-" + NAME;
    String outcomesTopic = "faults-outcomes-" + NAME;
    String dlq = "alerts-dlq-" + NAME;
    s.kafka().createTopics(2, alertsTopic, dlq);
    // One partition: the outcomes are read in resolution order, the order the window expects.
    s.kafka().createTopics(1, outcomesTopic);
    List<byte[][]> alertRecords = interleave(alerts, alertVictims, poisonAlerts);
    List<byte[][]> outcomeRecords = interleave(outcomes, outcomeVictims, poisonOutcomes);
    EmbeddedKafka.produce(s.kafka().bootstrapServers(), alertsTopic, alertRecords);
    EmbeddedKafka.produce(s.kafka().bootstrapServers(), outcomesTopic, outcomeRecords);

    Map<String, Alert> expectedAlerts = new LinkedHashMap<>();
    for (Alert a : alerts.items()) {
      if (a.arm == Arm.TREATED) {
        expectedAlerts.put(a.alertId, a);
      }
    }
    Map<String, Long> expectedOutcomes = new TreeMap<>();
    for (Outcome o : outcomes.items()) {
      if (o.followUp) {
        // A journey's follow-up step counts for its step, not again in the overall outcome
        // counters (each term once there): it is valid, but not expected in them.
        continue;
      }
      expectedOutcomes.merge(label(o.tier.name(), o.arm.name(), o.outcome.name()), 1L, Long::sum);
    }
    DeadLetterAudit dead =
        new DeadLetterAudit()
            .expect(alertsTopic, poisonAlerts)
            .expect(outcomesTopic, poisonOutcomes);

    ServiceProbe probe = new ServiceProbe();
    List<WebhookReceiver.Answer> answers;
    String scrape;
    try (WebhookReceiver hook = WebhookReceiver.start()) {
      Map<String, String> config = config(s, alertsTopic, outcomesTopic, dlq);
      config.put("webhook.url", hook.url("/hooks/retention"));
      try (AlertsService service = AlertsService.start(AlertsServiceConfig.from(config))) {
        awaitHandled(s, service, alertRecords.size(), outcomeRecords.size(), dlq, dead.expected());
        // The last outcome is read before it is counted: give the count a moment to catch up.
        long outcomeTotal = outcomes.items().size();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        scrape = probe.scrape(service.metricsAddress());
        while (ServiceProbe.sum(scrape, "lapsewatch_outcomes_total") < outcomeTotal
            && System.nanoTime() < deadline) {
          Thread.sleep(200);
          scrape = probe.scrape(service.metricsAddress());
        }
        int health = probe.status(service.healthAddress());
        ledger.measures.put("health_status_at_end", (long) health);
        if (health != 200 || !service.isHealthy()) {
          ledger.violations.add(
              "the service is not healthy at the end: /-/healthy answered "
                  + health
                  + service.failure().map(f -> ", stopped on " + f).orElse(""));
        }
      }
      answers = hook.answers();
    }

    countDeliveries(answers, expectedAlerts, alertVictims, alerts, ledger);
    countOutcomes(scrape, expectedOutcomes, ledger);
    dead.audit(s.read(dlq));
    ledger.expected += dead.expected();
    ledger.present += dead.found;
    ledger.violations.addAll(dead.violations);
    ledger.measures.put("poison_alerts", (long) poisonAlerts.size());
    ledger.measures.put("poison_outcomes", (long) poisonOutcomes.size());
    ledger.measures.put("poison_dead_lettered", dead.found);
    ledger.measures.put("dead_letters_cut_to_fit", dead.truncated);
    ledger.measures.put("valid_records_dead_lettered", dead.validRecordsDeadLettered);
    ledger.notes.add(
        String.format(
            "%d of %d poison records dead-lettered (%d cut to fit), reasons %s",
            dead.found, dead.expected(), dead.truncated, dead.reasons));
    if (!dead.missing.isEmpty()) {
      ledger.notes.add("poison records not on the dead-letter topic: " + dead.missing);
    }
    checkCounters(scrape, poisonAlerts.size(), poisonOutcomes.size(), ledger);

    String injected =
        String.format(
            "%d poison alerts among %,d valid ones on the alerts topic (1 MB junk, 1 MB JSON,"
                + " duplicate alertId and policyholderId keys, ids with NUL, newline+ANSI, U+202E,"
                + " spaces, lone surrogates, alertId {} twice, NaN score as token and string, year"
                + " 99999 asOf and renewalDate) and %d poison outcomes among %,d valid ones (1 MB"
                + " JSON, duplicate key, ids with NUL and a space, alertId {}, unknown outcome,"
                + " year 99999, negative contact time), each right before the record it imitates",
            poisonAlerts.size(),
            alerts.items().size(),
            poisonOutcomes.size(),
            outcomes.items().size());
    return ledger.result(
        NAME,
        injected,
        "valid alerts delivered + valid outcomes counted + poison records dead-lettered");
  }

  private static Map<String, String> config(
      FaultStack s, String alertsTopic, String outcomesTopic, String dlq) {
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap-servers", s.kafka().bootstrapServers());
    m.put("alerts.topic", alertsTopic);
    m.put("alerts.group-id", "faults-" + NAME);
    m.put("alerts.dead-letter-topic", dlq);
    m.put("outcomes.enabled", "true");
    m.put("outcomes.topic", outcomesTopic);
    // The longest window: no valid outcome of the replayed history falls out of the count.
    m.put("outcomes.window-days", "365");
    m.put("console.enabled", "false");
    m.put("metrics.port", "0");
    // The notification log in Redis, as in production: where a poison record, had it been taken
    // for an alert, would have claimed its victim's id.
    m.put("redis.url", s.redis().url());
    // The alerts path only; the retention desk (on by default with Redis) has its own tests.
    m.put("desk.enabled", "false");
    m.put("notification-log.key-prefix", "lw:notif:faults:" + NAME + ":");
    return m;
  }

  /** Alerts of the clean run, the first copy of each id, keyed as the job keyed them. */
  private static Valid<Alert> validAlerts(FaultStack s) throws Exception {
    Valid<Alert> v = new Valid<>(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : s.read("alerts-" + FaultStack.REFERENCE)) {
      if (r.value() == null) {
        continue;
      }
      Alert a = AlertJson.read(r.value());
      if (seen.add(a.alertId)) {
        v.items().add(a);
        v.keys().add(r.key());
        v.values().add(r.value());
      }
    }
    return v;
  }

  /**
   * Outcomes of the clean run, the first of each alert id, in order of resolution: the service's
   * window counts an outcome only if it is not older than the newest one read by a whole window.
   */
  private static Valid<Outcome> validOutcomes(FaultStack s) throws InvalidRecordException {
    List<ConsumerRecord<byte[], byte[]>> records =
        new ArrayList<>(s.read("outcomes-" + FaultStack.REFERENCE));
    records.removeIf(r -> r.value() == null);
    List<Map.Entry<Outcome, ConsumerRecord<byte[], byte[]>>> parsed = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      parsed.add(Map.entry(OutcomeJson.read(r.value()), r));
    }
    parsed.sort(Comparator.comparingLong(e -> e.getKey().resolvedAt));
    Valid<Outcome> v = new Valid<>(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    Set<String> seen = new HashSet<>();
    for (var e : parsed) {
      if (seen.add(e.getKey().alertId)) {
        v.items().add(e.getKey());
        v.keys().add(e.getValue().key());
        v.values().add(e.getValue().value());
      }
    }
    return v;
  }

  /** {@code n} indexes spread evenly over the records that {@code eligible} accepts. */
  private static <T> List<Integer> spread(Valid<T> valid, int n, Predicate<T> eligible) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < valid.items().size(); i++) {
      if (eligible.test(valid.items().get(i))) {
        candidates.add(i);
      }
    }
    if (candidates.size() < n) {
      throw new IllegalStateException(
          "need " + n + " victims, only " + candidates.size() + " records qualify");
    }
    List<Integer> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(candidates.get((int) ((k + 0.5) * candidates.size() / n)));
    }
    return out;
  }

  private static <T> List<T> pick(List<T> from, List<Integer> indexes) {
    return indexes.stream().map(from::get).toList();
  }

  /** The valid records in order, each victim preceded by the poison record imitating it. */
  private static List<byte[][]> interleave(
      Valid<?> valid, List<Integer> victims, List<PoisonRecords.Poison> poisons) {
    Map<Integer, PoisonRecords.Poison> before = new HashMap<>();
    for (int k = 0; k < victims.size(); k++) {
      before.put(victims.get(k), poisons.get(k));
    }
    List<byte[][]> out = new ArrayList<>(valid.values().size() + poisons.size());
    for (int i = 0; i < valid.values().size(); i++) {
      PoisonRecords.Poison p = before.get(i);
      if (p != null) {
        out.add(new byte[][] {p.key(), p.value()});
      }
      out.add(new byte[][] {valid.keys().get(i), valid.values().get(i)});
    }
    return out;
  }

  /**
   * Waits until the service has handled and committed every alert record, read every outcome record
   * and written every expected dead letter, or stopped, or three minutes (quick: two) passed.
   */
  private static void awaitHandled(
      FaultStack s, AlertsService service, long alerts, long outcomes, String dlq, int deadLetters)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(s.quick() ? 2 : 3).toNanos();
    while (System.nanoTime() < deadline && service.isHealthy()) {
      if (service.recordsHandled() >= alerts
          && service.outcomesRead() >= outcomes
          && s.read(dlq).size() >= deadLetters) {
        // A little longer: a duplicate delivery or dead letter would show up right after.
        Thread.sleep(500);
        return;
      }
      Thread.sleep(200);
    }
  }

  /**
   * Every valid treated alert delivered once and unchanged; any other successful delivery is a
   * poison record that got through (under its own id or posing as its victim).
   */
  private static void countDeliveries(
      List<WebhookReceiver.Answer> answers,
      Map<String, Alert> expected,
      List<Integer> victims,
      Valid<Alert> alerts,
      Ledger ledger) {
    Map<String, Integer> delivered = new HashMap<>();
    long invalid = 0;
    for (WebhookReceiver.Answer a : answers) {
      if (a.status() != 200) {
        continue;
      }
      Alert got;
      try {
        got = AlertJson.read(a.request().body().getBytes(StandardCharsets.UTF_8));
      } catch (InvalidRecordException e) {
        invalid++;
        continue;
      }
      Alert want = expected.get(got.alertId);
      if (want == null || !sameAlert(want, got)) {
        invalid++;
        continue;
      }
      delivered.merge(got.alertId, 1, Integer::sum);
    }
    long repeats = delivered.values().stream().mapToLong(n -> n - 1).sum();
    List<String> missing = new ArrayList<>(expected.keySet());
    missing.removeAll(delivered.keySet());
    long victimsDelivered =
        victims.stream().filter(i -> delivered.containsKey(alerts.items().get(i).alertId)).count();
    ledger.expected += expected.size();
    ledger.present += delivered.size();
    ledger.duplicates += repeats;
    ledger.measures.put("invalid_alerts_delivered", invalid);
    ledger.measures.put("victims_delivered", victimsDelivered);
    ledger.notes.add(
        String.format(
            "valid alerts delivered %d of %d (%d of %d imitated by a poison record), %d delivered"
                + " twice, %d deliveries of something else",
            delivered.size(), expected.size(), victimsDelivered, victims.size(), repeats, invalid));
    if (!missing.isEmpty()) {
      ledger.notes.add(
          "alerts never delivered (first 5): "
              + String.join(", ", missing.stream().limit(5).toList()));
    }
    if (invalid > 0) {
      ledger.violations.add(invalid + " deliveries of alerts that were not valid reference alerts");
    }
    if (repeats > 0) {
      ledger.violations.add(repeats + " valid alerts delivered more than once");
    }
  }

  /** The fields a receiver acts on; the reasons' text may be scrubbed on the way out. */
  private static boolean sameAlert(Alert a, Alert b) {
    return Objects.equals(a.policyholderId, b.policyholderId)
        && Objects.equals(a.policyId, b.policyId)
        && Objects.equals(a.agentId, b.agentId)
        && Double.compare(a.score, b.score) == 0
        && a.asOf == b.asOf
        && a.renewalDate == b.renewalDate
        && a.deadline == b.deadline
        && a.tier == b.tier
        && a.action == b.action
        && a.arm == b.arm;
  }

  /** Outcomes counted by the service per tier, arm and kind against the valid ones. */
  private static void countOutcomes(String scrape, Map<String, Long> expected, Ledger ledger) {
    long want = 0;
    long matched = 0;
    long extra = 0;
    Map<String, Long> got = new TreeMap<>();
    for (Tier tier : Tier.values()) {
      for (Arm arm : Arm.values()) {
        for (OutcomeKind k : OutcomeKind.values()) {
          long n =
              Math.round(
                  ServiceProbe.sum(
                      scrape,
                      "lapsewatch_outcomes_total",
                      l ->
                          tier.name().equals(l.get("tier"))
                              && arm.name().equals(l.get("arm"))
                              && k.name().equals(l.get("outcome"))));
          if (n > 0) {
            got.put(label(tier.name(), arm.name(), k.name()), n);
          }
        }
      }
    }
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      long n = got.getOrDefault(e.getKey(), 0L);
      want += e.getValue();
      matched += Math.min(n, e.getValue());
    }
    for (Map.Entry<String, Long> e : got.entrySet()) {
      extra += Math.max(0, e.getValue() - expected.getOrDefault(e.getKey(), 0L));
    }
    ledger.expected += want;
    ledger.present += matched;
    ledger.measures.put("outcomes_counted", got.values().stream().mapToLong(Long::longValue).sum());
    ledger.notes.add(
        String.format(
            "valid outcomes counted %d of %d, by tier/arm/outcome %s", matched, want, got));
    if (extra > 0) {
      ledger.violations.add(
          extra + " outcomes counted beyond the valid ones (expected " + expected + ")");
    }
  }

  /** The service's own rejection counters must account for every poison record. */
  private static void checkCounters(String scrape, int alerts, int outcomes, Ledger ledger) {
    long rejectedAlerts = Math.round(ServiceProbe.sum(scrape, "lapsewatch_alerts_rejected_total"));
    long rejectedOutcomes =
        Math.round(ServiceProbe.sum(scrape, "lapsewatch_outcomes_rejected_total"));
    long suppressed =
        Math.round(ServiceProbe.sum(scrape, "lapsewatch_notification_duplicates_suppressed_total"));
    ledger.measures.put("alerts_rejected_metric", rejectedAlerts);
    ledger.measures.put("outcomes_rejected_metric", rejectedOutcomes);
    ledger.measures.put("duplicates_suppressed", suppressed);
    if (rejectedAlerts != alerts || rejectedOutcomes != outcomes) {
      ledger.violations.add(
          String.format(
              "the service counted %d rejected alerts and %d rejected outcomes, %d and %d were"
                  + " injected",
              rejectedAlerts, rejectedOutcomes, alerts, outcomes));
    }
    if (suppressed > 0) {
      ledger.violations.add(
          suppressed + " deliveries skipped as duplicates (every valid alert was sent once)");
    }
  }

  private static String label(String tier, String arm, String outcome) {
    return tier + "/" + arm + "/" + outcome;
  }
}
