package io.lapsewatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fault case in quick mode (short outages, still 10,000 mutated events) against one embedded
 * stack: nothing may be lost, and each case's own invariant must hold.
 */
class FaultSuiteITCase {
  static {
    // Before any logger exists: the expected outage warnings would flood the build log.
    System.setProperty("log4j2.configurationFile", "classpath:lapsewatch-faults-log4j2.properties");
  }

  @TempDir static Path dir;
  static final Map<String, FaultResult> RESULTS = new LinkedHashMap<>();

  @BeforeAll
  static void runTheSuite() throws Exception {
    for (FaultResult r :
        FaultSuite.runCases(dir, true, new ArrayList<>(FaultSuite.cases().keySet()), System.out)) {
      RESULTS.put(r.name(), r);
    }
  }

  private static FaultResult result(String name) {
    assertThat(RESULTS).containsKey(name);
    return RESULTS.get(name);
  }

  private static long measure(String name, String key) {
    assertThat(result(name).measures()).as("measures of %s", name).containsKey(key);
    return result(name).measures().get(key);
  }

  @Test
  void everyCaseRanAndLostNothing() {
    assertThat(RESULTS.keySet()).containsExactlyElementsOf(FaultSuite.cases().keySet());
    for (FaultResult r : RESULTS.values()) {
      assertThat(r.violations()).as("violations of %s: %s", r.name(), r.notes()).isEmpty();
      assertThat(r.expected()).as("ground truth of %s", r.name()).isPositive();
      assertThat(r.lost()).as("lost in %s: %s", r.name(), r.notes()).isZero();
      assertThat(r.present()).isEqualTo(r.expected());
    }
  }

  @Test
  void hostileInputChangesNothingForAnyoneElse() {
    for (String name :
        new String[] {
          "far-future-event",
          "producer-clock-ahead",
          "erase-mid-stream",
          "identity-collisions",
          "huge-event-record"
        }) {
      assertThat(result(name).violations()).as("violations of %s", name).isEmpty();
      assertThat(measure(name, "dead_letters")).isNotNegative();
    }
    assertThat(measure("far-future-event", "dead_letters")).isZero();
    assertThat(measure("producer-clock-ahead", "dead_letters")).isZero();
    assertThat(measure("erase-mid-stream", "alerts_after_erasure")).isZero();
    assertThat(measure("identity-collisions", "dead_letters")).isEqualTo(8);
    assertThat(measure("huge-event-record", "dead_letters")).isEqualTo(1);
  }

  @Test
  void poisonRecordsOnTheServiceTopicsAreDeadLetteredAndNoValidAlertIsSuppressed() {
    assertThat(measure("poison-records", "invalid_alerts_delivered")).isZero();
    assertThat(measure("poison-records", "duplicates_suppressed")).isZero();
    assertThat(measure("poison-records", "valid_records_dead_lettered")).isZero();
    assertThat(measure("poison-records", "dead_letters_cut_to_fit")).isEqualTo(3);
    assertThat(measure("poison-records", "poison_dead_lettered"))
        .isEqualTo(
            measure("poison-records", "poison_alerts")
                + measure("poison-records", "poison_outcomes"));
    assertThat(measure("poison-records", "health_status_at_end")).isEqualTo(200);
  }

  @Test
  void aCancelledJobResumesFromItsRetainedCheckpointWithOnlyExactRepeats() {
    assertThat(measure("job-crash-restore", "restored_from_checkpoint")).isPositive();
    // Repeats are allowed (at-least-once to Kafka); different bytes under one id are not.
    assertThat(result("job-crash-restore").violations()).isEmpty();
  }

  @Test
  void journeysResumeAfterAJobCrashAndAServiceRestartWithEveryStepDeliveredOnce() {
    FaultResult r = result("journey-restart");
    assertThat(measure("journey-restart", "step_alerts_reference")).isPositive();
    assertThat(measure("journey-restart", "journeys_open_at_checkpoint")).isPositive();
    assertThat(measure("journey-restart", "journey_counts_inconsistent")).isZero();
    assertThat(measure("journey-restart", "step_deliveries"))
        .isEqualTo(measure("journey-restart", "step_alerts_reference"));
    assertThat(measure("journey-restart", "step_deliveries_repeated")).isZero();
    assertThat(r.duplicates()).isZero();
  }

  @Test
  void redisAndKafkaRestartsLeaveEveryAlertAndStoredVectorAsInTheCleanRun() {
    for (String name : new String[] {"redis-restart", "kafka-broker-restart"}) {
      FaultResult r = result(name);
      assertThat(r.lost()).as(name).isZero();
      assertThat(r.notes()).as(name).anyMatch(n -> n.startsWith("stored vectors"));
    }
  }

  @Test
  void tenThousandMutatedEventsAreAllDeadLetteredWithAReasonAndTheJobKeepsScoring() {
    long mutated = measure("mutated-events", "mutated_records");
    assertThat(mutated).isGreaterThanOrEqualTo(10_000);
    assertThat(measure("mutated-events", "dead_letters_matched")).isEqualTo(mutated);
    assertThat(measure("mutated-events", "dead_letters_without_reason")).isZero();
    assertThat(measure("mutated-events", "dead_letters_unexpected")).isZero();
    // Restarts were disabled: finishing means no record ever threw.
    assertThat(measure("mutated-events", "job_finished")).isEqualTo(1);
    // The valid events around them still made the clean run's alerts and vectors.
    FaultResult r = result("mutated-events");
    assertThat(r.expected()).isGreaterThan(mutated);
    assertThat(r.present()).isEqualTo(r.expected());
  }

  @Test
  void aCorruptModelIsCountedAndThePreviousVersionKeepsScoring() {
    assertThat(measure("corrupt-model", "model_load_failures")).isPositive();
    assertThat(measure("corrupt-model", "alerts_other_model_version")).isZero();
  }

  @Test
  void receiverOutagesDelayAlertsButDeliverEachOnceWithoutDeadLetters() {
    for (String name : new String[] {"webhook-500-429", "smtp-down"}) {
      FaultResult r = result(name);
      // The outage really held deliveries back...
      assertThat(measure(name, "handled_before_recovery")).as(name).isLessThan(r.expected());
      // ...and afterwards every alert arrived once, none gave up into the dead-letter topic.
      assertThat(measure(name, "dead_lettered")).as(name).isZero();
      assertThat(r.duplicates()).as(name).isZero();
      assertThat(r.lost()).as(name).isZero();
    }
    assertThat(measure("webhook-500-429", "refused_requests")).isPositive();
  }

  @Test
  void slowClientsNeverLeaveHealthOrMetricsUnanswered() {
    assertThat(measure("slow-clients", "slow_connections_opened"))
        .isGreaterThanOrEqualTo(measure("slow-clients", "slow_clients"));
    // The header deadline really cut trickling connections...
    assertThat(measure("slow-clients", "slow_connections_closed_by_server")).isPositive();
    // ...and every probe was answered meanwhile.
    assertThat(measure("slow-clients", "health_probes")).isPositive();
    assertThat(measure("slow-clients", "health_unanswered")).isZero();
    assertThat(measure("slow-clients", "metrics_unanswered")).isZero();
  }
}
