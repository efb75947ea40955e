package io.lapsewatch.faults;

import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alerts.service.AlertsService;
import io.lapsewatch.alerts.service.AlertsServiceConfig;
import io.lapsewatch.embedded.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;

/**
 * Retention journeys across a job crash and an alerts service restart: the scoring job runs the
 * shipped plans and is cancelled mid-stream while journeys wait for their next step; the alerts
 * service delivering its alerts is stopped too. A new job resumes from the retained checkpoint and
 * a new service instance from the same consumer group and notification log. Every journey step
 * alert of the clean run must come out (none lost, none the clean run never raised) and reach the
 * webhook exactly once.
 */
final class JourneyRestartCase implements FaultCase {
  /** Short heartbeats, so the accumulators read before the cancel are no older than the crash. */
  private static final Duration HEARTBEAT = Duration.ofMillis(500);

  @Override
  public String name() {
    return "journey-restart";
  }

  @Override
  public FaultResult run(FaultStack s) throws Exception {
    FaultStack.JobOutput ref = s.reference();
    Map<String, List<byte[]>> refSteps = JourneySteps.of(ref.alertsById());
    String run = name();
    s.clearFeatures();
    Tripwire.Wire wire = Tripwire.freezing(run, ref.vectorsEmitted() * 2 / 5);
    Configuration firstConf = new Configuration();
    firstConf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    firstConf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, HEARTBEAT);
    Ledger ledger = new Ledger();
    try (WebhookReceiver hook = WebhookReceiver.start()) {
      JobClient first = s.submit(run, FaultStack.EVENTS_TOPIC, firstConf);
      Map<String, String> serviceConfig = serviceConfig(s, hook);
      AlertsService service = AlertsService.start(AlertsServiceConfig.from(serviceConfig));
      long restoredFrom;
      Map<String, Long> firstCounts;
      Map<String, List<byte[]>> before;
      long handledByFirstService;
      long processedAtCrash;
      try {
        wire.awaitTrip(Duration.ofMinutes(5));
        Path checkpoints = s.checkpointDir(run).resolve(first.getJobID().toString());
        // The job stops at its first checkpoint past the trip, with journeys open in it.
        restoredFrom = wire.awaitFrozenCheckpoint(checkpoints, Duration.ofMinutes(2));
        // Two heartbeats: the accumulators then hold at least everything up to that checkpoint.
        Thread.sleep(HEARTBEAT.toMillis() * 2);
        firstCounts = FaultStack.journeyCounts(first.getAccumulators().get(1, TimeUnit.MINUTES));
        processedAtCrash = wire.seen.get();
        cancelRunning(first);
        before = JourneySteps.of(s.alertsOn("alerts-" + run));
      } finally {
        service.close();
      }
      handledByFirstService = service.recordsHandled();
      wire.release();

      Configuration restore = new Configuration();
      restore.set(
          StateRecoveryOptions.SAVEPOINT_PATH,
          s.checkpointDir(run)
              .resolve(first.getJobID().toString())
              .resolve("chk-" + restoredFrom)
              .toUri()
              .toString());
      MetricsProbe.resetOwnedPartitions();
      JobClient second = s.submit(run, FaultStack.EVENTS_TOPIC, restore);
      service = AlertsService.start(AlertsServiceConfig.from(serviceConfig));
      Map<String, Long> restoredCounts;
      FaultStack.JobOutput got;
      try {
        // The restored bounded source never finishes on its own (FLINK-31006): as
        // job-crash-restore.
        ReplayEnd.await(
            s.kafka().bootstrapServers(),
            "faults-" + run,
            FaultStack.EVENTS_TOPIC,
            Duration.ofMinutes(10),
            JobCrashCase.checkpointed(s.checkpointDir(run).resolve(second.getJobID().toString())));
        JobCrashCase.drain(second, s.checkpointDir(run).resolve("drained").toUri().toString());
        restoredCounts =
            FaultStack.journeyCounts(
                second.getJobExecutionResult().get(5, TimeUnit.MINUTES).getAllAccumulatorResults());
        got = s.collect(run, restoredCounts);
        // The new instance resumes from the group's committed offsets: it has at least the records
        // the first instance had not handled left to handle.
        long left = s.read("alerts-" + run).size() - handledByFirstService;
        awaitDelivered(
            service, hook, refSteps.keySet(), left, Duration.ofMinutes(s.quick() ? 2 : 6));
      } finally {
        service.close();
      }
      Map<String, List<byte[]>> gotSteps = JourneySteps.of(got.alertsById());
      ledger.alerts(refSteps, gotSteps);
      long topicRepeats = ledger.duplicates;
      ledger.duplicates = 0;
      deliveries(ledger, refSteps.keySet(), delivered(hook));

      Set<String> pending = JourneySteps.pendingAtStop(before, gotSteps);
      List<String> inconsistent =
          JourneySteps.inconsistent(ref.journeys(), firstCounts, restoredCounts);
      long carried = JourneySteps.carriedOver(ref.journeys(), restoredCounts);
      if (JourneySteps.total(ref.journeys(), "entered") == 0) {
        ledger.violations.add("the reference run entered no journey: the restart tested nothing");
      }
      if (pending.isEmpty() && carried <= 0) {
        ledger.violations.add(
            "no journey was open at the restored checkpoint: the restored job resumed none");
      }
      if (JourneySteps.followUps(refSteps) == 0) {
        ledger.notes.add(
            "the reference run took no follow-up step (every journey ended or skipped before"
                + " its second step), so the pending steps resumed were skips and exits");
      }
      if (!inconsistent.isEmpty()) {
        ledger.violations.add(
            inconsistent.size()
                + " journey counts of first + restored run do not add up to the reference"
                + " (first 5): "
                + String.join("; ", inconsistent.subList(0, Math.min(5, inconsistent.size()))));
      }
      notes(ledger, ref.journeys(), firstCounts, restoredCounts);
      ledger.notes.add(
          String.format(
              "job cancelled after checkpoint chk-%d with %d step alerts out; %d journeys open at"
                  + " that checkpoint moved on in the restored job (its exits - entries + the"
                  + " reference's journeys open at the end); %d step alerts of journeys open at"
                  + " the crash were taken by the restored job (first 3: %s); %d step"
                  + " alert copies repeated on the topic (at-least-once, byte-identical); the"
                  + " service handled %d records before it was stopped and restarted",
              restoredFrom,
              before.size(),
              carried,
              pending.size(),
              String.join(", ", pending.stream().limit(3).toList()),
              topicRepeats,
              handledByFirstService));
      ledger.measures.put("restored_from_checkpoint", restoredFrom);
      ledger.measures.put("step_alerts_reference", (long) refSteps.size());
      ledger.measures.put("follow_up_steps_reference", JourneySteps.followUps(refSteps));
      ledger.measures.put("step_alerts_before_crash", (long) before.size());
      ledger.measures.put("steps_pending_at_crash_taken_after", (long) pending.size());
      ledger.measures.put("journeys_open_at_checkpoint", carried);
      ledger.measures.put("step_alert_topic_repeats", topicRepeats);
      ledger.measures.put("journey_counts_inconsistent", (long) inconsistent.size());
      ledger.measures.put("records_handled_before_service_restart", handledByFirstService);
      return ledger.result(
          name(),
          "job running the shipped journey plans cancelled at ~"
              + (100 * processedAtCrash / Math.max(1, ref.vectorsEmitted()))
              + "% of the stream and restored from retained checkpoint chk-"
              + restoredFrom
              + "; alerts service stopped meanwhile and restarted on the same group and"
              + " notification log",
          "journey step alerts + deliveries");
    }
  }

  private Map<String, String> serviceConfig(FaultStack s, WebhookReceiver hook) throws Exception {
    String dlq = "alerts-dlq-" + name();
    s.kafka().createTopics(2, dlq);
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap-servers", s.kafka().bootstrapServers());
    m.put("alerts.topic", "alerts-" + name());
    m.put("alerts.group-id", "faults-" + name() + "-service");
    m.put("alerts.dead-letter-topic", dlq);
    m.put("console.enabled", "false");
    m.put("metrics.port", "0");
    // The notification log both instances share: what keeps the restart from notifying twice.
    m.put("redis.url", s.redis().url());
    m.put("desk.enabled", "false");
    m.put("notification-log.key-prefix", "lw:notif:faults:" + name() + ":");
    m.put("webhook.url", hook.url("/hooks/retention"));
    return m;
  }

  /** Journey step deliveries: each expected id once; a second success is a repeated step. */
  private static void deliveries(Ledger ledger, Set<String> expected, List<String> delivered) {
    Map<String, Long> times = new TreeMap<>();
    for (String id : delivered) {
      if (expected.contains(id)) {
        times.merge(id, 1L, Long::sum);
      }
    }
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(times.keySet());
    long repeated = times.values().stream().mapToLong(n -> n - 1).sum();
    ledger.expected += expected.size();
    ledger.present += expected.size() - missing.size();
    ledger.duplicates += repeated;
    ledger.measures.put("step_deliveries", (long) times.size());
    ledger.measures.put("step_deliveries_repeated", repeated);
    ledger.notes.add(
        String.format(
            "journey step alerts delivered %d of %d, %d delivered more than once",
            expected.size() - missing.size(), expected.size(), repeated));
    if (!missing.isEmpty()) {
      ledger.notes.add(
          "undelivered step alerts (first 5): "
              + String.join(", ", missing.stream().limit(5).toList()));
    }
    if (repeated > 0) {
      ledger.violations.add(repeated + " journey step alerts delivered more than once");
    }
  }

  /** The reference's, first run's and restored run's totals by kind of count. */
  private static void notes(
      Ledger ledger, Map<String, Long> ref, Map<String, Long> first, Map<String, Long> restored) {
    List<String> parts = new ArrayList<>();
    for (String what : List.of("entered", "taken", "skipped", "cancelled", "exited", "refused")) {
      long r = JourneySteps.total(ref, what);
      long a = JourneySteps.total(first, what);
      long b = JourneySteps.total(restored, what);
      parts.add(String.format("%s %d / %d + %d", what, r, a, b));
      ledger.measures.put("journeys_" + what + "_reference", r);
    }
    ledger.notes.add(
        "journey accumulator totals, reference / first run up to the cancel + restored run: "
            + String.join(", ", parts)
            + " (accumulators start at zero with each job and are not checkpointed, and the"
            + " first run's include work after the checkpoint that the restored run did again;"
            + " so per plan, step and result: restored <= reference <= first + restored)");
  }

  /**
   * Waits until every expected step alert reached the webhook and the service handled what was left
   * of the topic, or {@code timeout} passed.
   */
  private static void awaitDelivered(
      AlertsService service,
      WebhookReceiver hook,
      Set<String> expected,
      long left,
      Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long allDeliveredAt = 0;
    while (System.nanoTime() < deadline && service.isHealthy()) {
      if (allDeliveredAt == 0 && delivered(hook).containsAll(expected)) {
        allDeliveredAt = System.nanoTime();
      }
      // The rest of the topic handled, or a few seconds for repeats to show: either is enough.
      if (allDeliveredAt != 0
          && (service.recordsHandled() >= left
              || System.nanoTime() - allDeliveredAt > Duration.ofSeconds(3).toNanos())) {
        // A little longer: a repeated delivery would show up right after the last one.
        Thread.sleep(500);
        return;
      }
      Thread.sleep(100);
    }
  }

  private static List<String> delivered(WebhookReceiver hook) throws Exception {
    List<String> ids = new ArrayList<>();
    for (WebhookReceiver.Answer a : hook.answers()) {
      if (a.status() == 200) {
        ids.add(AlertJson.parse(a.request().body().getBytes(StandardCharsets.UTF_8)).alertId);
      }
    }
    return ids;
  }

  /**
   * Cancels the first job; if it has already ended, says how (its status and failure), which the
   * bare "MiniCluster is not yet running" of a per-job cluster would hide.
   */
  private static void cancelRunning(JobClient job) throws Exception {
    try {
      job.cancel().get(5, TimeUnit.MINUTES);
    } catch (IllegalStateException e) {
      String how;
      try {
        job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
        how = "it had finished";
      } catch (Exception failed) {
        Throwable root = failed;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        how = "it had failed: " + root;
      }
      throw new IllegalStateException(
          "the first job was no longer running at the cancel; " + how, e);
    }
  }
}
