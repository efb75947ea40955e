package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.alerts.service.AlertsService;
import io.lapsewatch.alerts.service.AlertsServiceConfig;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.embedded.WebhookReceiver;
import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.scenarios.Scenarios;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.flinkjobs.JobSettings;
import io.lapsewatch.flinkjobs.ScoringJob;
import io.lapsewatch.flinkjobs.time.RecentEventTimes;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import io.lapsewatch.retentiondesk.CaseAction;
import io.lapsewatch.retentiondesk.CaseEvent;
import io.lapsewatch.retentiondesk.CaseEventJson;
import io.lapsewatch.retentiondesk.CaseEventKind;
import io.lapsewatch.retentiondesk.CaseIds;
import io.lapsewatch.retentiondesk.CaseStatus;
import io.lapsewatch.retentiondesk.ResultKind;
import io.lapsewatch.retentiondesk.RetentionCase;
import io.lapsewatch.retentiondesk.RetentionDesk;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's journey loop over real parts, driven in event time: an in-process KRaft broker, a real
 * redis-server, the scoring job on a Flink MiniCluster running the shipped journey plans, and the
 * alerts service with its retention desk (case pages over HTTP, escalation to the branch lead's
 * webhook) on a clock the test moves with the events.
 *
 * <ul>
 *   <li>A standard-tier policyholder gets the renewal offer at entry, stays silent for 14 days, so
 *       a callback task follows; the agent reports UNREACHABLE on the case page (the desk writes
 *       CALLBACK_COMPLETED to policy-events, which the job reads), the case breaches its service
 *       level and escalates, a second UNREACHABLE brings the offer by email (the last step: the
 *       journey completes), the policy renews: every step's outcome is RECOVERED.
 *   <li>A second one opts out of contact between the offer and day 14: the scheduled callback is
 *       cancelled, no callback alert ever reaches retention-alerts, the journey exits opted out.
 * </ul>
 *
 * Event time only moves with events: the test publishes a filler policyholder's premium payments to
 * move the watermark past each moment it needs.
 */
class JourneyLoopITCase {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String PLAN = "standard-renewal";
  private static final String SECRET = "journey-loop-itcase-secret-0123456789abcdef";

  /** The renewal date of both crafted terms; the entry comes 40 days before it. */
  private static final LocalDate RENEWAL = LocalDate.of(2025, 9, 1);

  private static final String LOOPED = "PH-LOOP-STD";
  private static final String OPTED_OUT = "PH-LOOP-DNC";

  /** Moves event time: premium payments of a policyholder renewing far outside the horizon. */
  private static final String FILLER = "PH-LOOP-CLOCK";

  private static final String EVENTS = "loop-policy-events";
  private static final String ALERTS = "loop-retention-alerts";
  private static final String OUTCOMES = "loop-retention-outcomes";
  private static final String CASE_EVENTS = "loop-case-events";

  @TempDir Path dir;

  private final AtomicInteger fillers = new AtomicInteger();
  private final ObjectMapper json = new ObjectMapper();
  private JobClient job;

  @Test
  void shouldLeadOnePolicyholderFromOfferToRenewalAndCancelAnOptedOutCallback() throws Exception {
    try (LocalStack stack =
        LocalStack.builder()
            .withKafka()
            .withRedis()
            .withWebhookReceiver()
            // One partition each: the job's watermark follows the one event stream exactly.
            .withTopics(
                1,
                EVENTS,
                "loop-policy-events-dlq",
                ALERTS,
                "loop-retention-alerts-dlq",
                OUTCOMES,
                CASE_EVENTS)
            .start()) {
      Path registry = dir.resolve("models");
      TrainCommand.trainOnSimulation(
          SimulationConfig.of(3000, 365, 11), registry, TrainerKind.LR, true);
      TestingDeskClock deskClock = new TestingDeskClock(at(RENEWAL.minusDays(40), 0));
      AlertsService service = startAlertsService(stack, deskClock);
      stack.closeFirst(service);
      RetentionDesk desk = service.desk().orElseThrow();
      String bootstrap = stack.bootstrapServers();
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(1, ScoringJob.baseConfiguration());
      job = ScoringJob.fromSettings(jobSettings(stack, registry)).executeAsync(env);
      try {
        // --- Entry: both crafted histories end at R-40 15:00, the first moment in the horizon.
        List<PolicyEvent> history = new ArrayList<>();
        history.addAll(Scenarios.atRisk(LOOPED, 950, RENEWAL));
        history.addAll(Scenarios.atRisk(OPTED_OUT, 950, RENEWAL));
        history.add(
            Events.issued(
                FILLER + "-issued",
                FILLER,
                at(RENEWAL.minusDays(120), 7),
                FILLER + "-P1",
                "HOME",
                "DIRECT",
                null,
                800,
                RENEWAL.minusYears(1).plusDays(200),
                RENEWAL.plusDays(200)));
        history.sort(java.util.Comparator.comparingLong(e -> e.occurredAt));
        publish(bootstrap, history);
        Instant entry = at(RENEWAL.minusDays(40), 15);
        advanceEventTime(bootstrap, entry.plus(Duration.ofHours(1)));

        Alert offer = awaitStep(bootstrap, LOOPED, "renewal-offer");
        Alert offerToOptedOut = awaitStep(bootstrap, OPTED_OUT, "renewal-offer");
        assertThat(offer.journey).isEqualTo(PLAN);
        assertThat(offer.journeyVersion).isEqualTo(1);
        assertThat(offer.action).isEqualTo(RetentionAction.RENEWAL_OFFER);
        assertThat(offer.tier).isEqualTo(Tier.STANDARD);
        assertThat(offer.followUp).as("the offer is the term's first contact").isFalse();
        assertThat(offer.offerChannel).isNull();
        assertThat(offer.asOf).isEqualTo(entry.toEpochMilli());
        assertThat(offer.riskBand).isIn(RiskBand.HIGH, RiskBand.CRITICAL);
        assertThat(offerToOptedOut.journeyStep).isEqualTo("renewal-offer");

        // --- Day 5: the second policyholder asks not to be contacted any more.
        publish(
            bootstrap,
            List.of(
                Events.consentChanged(
                    "loop-dnc", OPTED_OUT, entry.plus(Duration.ofDays(5)), true, "PHONE")));

        // --- Day 14, no session since the offer: the callback task (the desk opens its case).
        Instant dueCallback = entry.plus(Duration.ofDays(14));
        deskClock.moveTo(dueCallback.plus(Duration.ofHours(1)));
        advanceEventTime(bootstrap, dueCallback.plus(Duration.ofHours(1)));
        Alert callback = awaitStep(bootstrap, LOOPED, "callback-if-silent");
        assertThat(callback.action).isEqualTo(RetentionAction.AGENT_CALLBACK);
        assertThat(callback.followUp).as("after the offer: a follow-up").isTrue();
        assertThat(callback.journey).isEqualTo(PLAN);
        assertThat(callback.journeyVersion).isEqualTo(1);
        assertThat(callback.asOf).isEqualTo(dueCallback.toEpochMilli());
        assertThat(callback.alertId).isNotEqualTo(offer.alertId);
        String caseId = CaseIds.caseFor(callback.alertId);
        URI caseLink = awaitCaseLink(stack.receiver(), callback.alertId);
        await()
            .atMost(WAIT)
            .until(() -> desk.find(caseId).map(RetentionCase::action), Optional::isPresent);
        assertThat(desk.find(caseId).orElseThrow().action()).isEqualTo(CaseAction.CALLBACK_TASK);

        // --- The agent cannot reach them and plans another try (the case stays open).
        AgentOnCasePage agent = new AgentOnCasePage();
        Instant firstTry = dueCallback.plus(Duration.ofHours(3));
        deskClock.moveTo(firstTry);
        assertThat(
                agent.tap(
                    caseLink,
                    ResultKind.UNREACHABLE,
                    LocalDateTime.ofInstant(firstTry.plus(Duration.ofHours(20)), ZoneOffset.UTC)))
            .isEqualTo(303);
        List<PolicyEvent> results = awaitCallbackResults(bootstrap, 1);
        assertThat(results.get(0).topic).isEqualTo("UNREACHABLE");
        assertThat(results.get(0).occurredAt).isEqualTo(firstTry.toEpochMilli());
        assertThat(results.get(0).policyId).isEqualTo(callback.policyId);

        // --- Nobody reached them within the standard service level (24 h here): level 1.
        deskClock.moveTo(dueCallback.plus(Duration.ofHours(26)));
        await()
            .atMost(WAIT)
            .until(() -> desk.find(caseId).map(RetentionCase::escalationLevel).orElse(0) == 1);
        CaseEvent escalated = awaitCaseEvent(bootstrap, caseId, CaseEventKind.ESCALATED);
        assertThat(escalated.eventId()).isEqualTo(CaseIds.escalatedEvent(caseId, 1));
        JsonNode leadMessage = awaitLeadMessage(stack.receiver(), escalated.eventId());
        assertThat(leadMessage.get("text").asText())
            .contains("L1")
            .contains(RetentionCase.mask(LOOPED))
            .doesNotContain(LOOPED);
        assertThat(agent.open(caseLink).statusCode()).isEqualTo(200);

        // --- The second try fails too (the case closes); two unreachable: the offer by email.
        Instant secondTry = dueCallback.plus(Duration.ofHours(27));
        deskClock.moveTo(secondTry);
        assertThat(agent.tap(caseLink, ResultKind.UNREACHABLE, null)).isEqualTo(303);
        results = awaitCallbackResults(bootstrap, 2);
        assertThat(results.get(1).topic).isEqualTo("UNREACHABLE");
        assertThat(results.get(1).occurredAt).isEqualTo(secondTry.toEpochMilli());
        await()
            .atMost(WAIT)
            .until(
                () -> desk.find(caseId).map(RetentionCase::status).orElseThrow(),
                s -> s == CaseStatus.CLOSED);
        advanceEventTime(bootstrap, secondTry.plus(Duration.ofHours(1)));
        Alert byEmail = awaitStep(bootstrap, LOOPED, "offer-by-email");
        assertThat(byEmail.action).isEqualTo(RetentionAction.RENEWAL_OFFER);
        assertThat(byEmail.offerChannel).isEqualTo("EMAIL");
        assertThat(byEmail.followUp).isTrue();
        assertThat(byEmail.asOf).isEqualTo(secondTry.toEpochMilli());

        // --- The term renews: every step's outcome is RECOVERED, and the journey (completed when
        // its last step, the email offer, was taken) exits as renewed.
        Instant renewed = at(RENEWAL.minusDays(20), 10);
        publish(
            bootstrap,
            List.of(
                Events.renewed(
                    "loop-renewed", LOOPED, renewed, LOOPED + "-P1", 950, RENEWAL.plusYears(1))));
        advanceEventTime(bootstrap, renewed.plus(Duration.ofHours(1)));
        Map<String, Outcome> outcomes =
            await().atMost(WAIT).until(() -> outcomesOf(bootstrap, LOOPED), o -> o.size() >= 3);
        assertThat(outcomes.keySet())
            .containsExactlyInAnyOrder(offer.alertId, callback.alertId, byEmail.alertId);
        assertThat(outcomes.values())
            .allSatisfy(o -> assertThat(o.outcome).isEqualTo(OutcomeKind.RECOVERED));
        assertThat(outcomes.get(offer.alertId).followUp).isFalse();
        assertThat(outcomes.get(callback.alertId).journeyStep).isEqualTo("callback-if-silent");
        assertThat(outcomes.get(byEmail.alertId).followUp).isTrue();

        // --- The opted-out policyholder: no step after the offer ever went out.
        assertThat(stepsOf(bootstrap, OPTED_OUT))
            .extracting(a -> a.journeyStep)
            .containsExactly("renewal-offer");
        Map<String, Long> journeys =
            await()
                .atMost(WAIT)
                .until(
                    () -> journeyTally(job),
                    t ->
                        count(t, "exited", "renewed") == 1 && count(t, "exited", "opted_out") == 1);
        assertThat(count(journeys, "completed", "-")).isEqualTo(1);
        assertThat(count(journeys, "entered", "-")).isEqualTo(2);
        assertThat(count(journeys, "cancelled", "callback-if-silent"))
            .as("the opt-out cancelled the scheduled callback")
            .isEqualTo(1);
        assertThat(count(journeys, "taken", "offer-by-email")).isEqualTo(1);
        assertThat(count(journeys, "taken", "callback-if-silent"))
            .as("only the silent policyholder's callback was taken")
            .isEqualTo(1);
        assertThat(stepsOf(bootstrap, LOOPED))
            .extracting(a -> a.journeyStep)
            .containsExactly("renewal-offer", "callback-if-silent", "offer-by-email");
      } finally {
        job.cancel().get();
      }
    }
  }

  private AlertsService startAlertsService(LocalStack stack, TestingDeskClock clock)
      throws Exception {
    WebhookReceiver receiver = stack.receiver();
    Path routes = dir.resolve("routes.yml");
    Files.writeString(
        routes,
        """
        version: 1
        receivers:
          agents: {channel: webhook, url: "%s", rate-limit: none}
          leads-sh: {channel: webhook, url: "%s", rate-limit: none}
        default: {receivers: [agents]}
        """
            .formatted(receiver.url("/agents"), receiver.url("/leads")));
    Path roles = dir.resolve("roles.yml");
    Files.writeString(
        roles,
        """
        branches:
          - {name: shanghai, escalation-receiver: leads-sh}
        senior-pool-branch: shanghai
        users:
          - {id: AG0001, role: agent, branch: shanghai, token-sha256: %s}
        """
            .formatted("ab".repeat(32)));
    int port = freePort();
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap-servers", stack.bootstrapServers());
    m.put("alerts.topic", ALERTS);
    m.put("alerts.dead-letter-topic", "loop-retention-alerts-dlq");
    m.put("alerts.group-id", "loop-service");
    m.put("metrics.port", String.valueOf(port));
    m.put("routing.file", routes.toString());
    m.put("redis.url", stack.redisUrl());
    m.put("desk.case-events-topic", CASE_EVENTS);
    m.put("desk.policy-events-topic", EVENTS);
    m.put("desk.group-id", "loop-cases");
    m.put("desk.instance-id", "loop-1");
    m.put("desk.catch-up-timeout-ms", "60000");
    m.put("desk.public-url", "http://127.0.0.1:" + port);
    m.put("desk.link-secret", "${env:DESK_LINK_SECRET}");
    m.put("desk.roles-file", roles.toString());
    m.put("desk.time-zone", "UTC");
    // A short standard service level, scanned often: the test moves the desk's clock past it.
    m.put("desk.sla.standard.contact-within-hours", "24");
    m.put("desk.expiry-interval-ms", "200");
    return AlertsService.start(
        AlertsServiceConfig.from(m, Map.of("DESK_LINK_SECRET", SECRET)), clock);
  }

  private static JobSettings jobSettings(LocalStack stack, Path registry) {
    Map<String, String> c = new HashMap<>();
    c.put("kafka.bootstrap-servers", stack.bootstrapServers());
    c.put("kafka.group-id", "loop-job");
    c.put("events.topic", EVENTS);
    c.put("events.dlq-topic", "loop-policy-events-dlq");
    c.put("alerts.topic", ALERTS);
    c.put("outcomes.topic", OUTCOMES);
    c.put("redis.url", stack.redisUrl());
    c.put("model.registry", registry.toString());
    c.put("events.bounded", "false");
    c.put("job.parallelism", "1");
    c.put("journeys.file", shippedPlans().toString());
    // Everyone treated (a holdout alert opens no case), and the entry at R-40 exactly.
    c.put("decision.holdout-share", "0");
    c.put("decision.horizon-days", "40");
    // Quiet hours in UTC: every step of the test falls in the working day.
    c.put("contact.time-zone", "UTC");
    return JobSettings.of(c);
  }

  /** The shipped plans file, from the cli module's folder or the repository's root. */
  private static Path shippedPlans() {
    Path fromModule = Path.of("..", "deploy", "journeys", "retention-journeys.yaml");
    return Files.exists(fromModule)
        ? fromModule.toAbsolutePath().normalize()
        : Path.of("deploy", "journeys", "retention-journeys.yaml").toAbsolutePath();
  }

  private static Instant at(LocalDate day, int hour) {
    return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void publish(String bootstrap, List<PolicyEvent> events) throws Exception {
    List<byte[][]> records = new ArrayList<>();
    for (PolicyEvent e : events) {
      records.add(
          new byte[][] {e.policyholderId.getBytes(StandardCharsets.UTF_8), EventCodec.toBytes(e)});
    }
    EmbeddedKafka.produce(bootstrap, EVENTS, records);
  }

  /**
   * Moves the job's event time to {@code to}: the source's watermark follows the lower median of a
   * partition's last {@value RecentEventTimes#WINDOW} event times (no single record moves it), so a
   * window's worth of filler premium payments stamped {@code to} brings it there.
   */
  private void advanceEventTime(String bootstrap, Instant to) throws Exception {
    List<PolicyEvent> payments = new ArrayList<>();
    for (int i = 0; i < RecentEventTimes.WINDOW; i++) {
      payments.add(
          Events.premiumPaid(
              FILLER + "-paid-" + fillers.incrementAndGet(), FILLER, to, FILLER + "-P1", 2));
    }
    publish(bootstrap, payments);
  }

  /** The journey step alerts of {@code holder} on retention-alerts, in order. */
  private static List<Alert> stepsOf(String bootstrap, String holder) throws IOException {
    List<Alert> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : EmbeddedKafka.readAll(bootstrap, ALERTS)) {
      Alert a = AlertJson.parse(r.value());
      if (holder.equals(a.policyholderId)) {
        out.add(a);
      }
    }
    return out;
  }

  private Alert awaitStep(String bootstrap, String holder, String step) throws Exception {
    try {
      return await()
          .atMost(WAIT)
          .until(
              () ->
                  stepsOf(bootstrap, holder).stream()
                      .filter(a -> step.equals(a.journeyStep))
                      .findFirst(),
              Optional::isPresent)
          .orElseThrow();
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "no step "
              + step
              + " of "
              + holder
              + " on "
              + ALERTS
              + "; the job is "
              + job.getJobStatus().get()
              + ", its counters "
              + job.getAccumulators().get()
              + ", alerts on the topic: "
              + EmbeddedKafka.readAll(bootstrap, ALERTS).stream()
                  .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                  .toList()
              + ", dead letters: "
              + EmbeddedKafka.readAll(bootstrap, "loop-policy-events-dlq").size(),
          e);
    }
  }

  /** The CALLBACK_COMPLETED events the desk wrote to policy-events, once there are {@code n}. */
  private static List<PolicyEvent> awaitCallbackResults(String bootstrap, int n) {
    return await()
        .atMost(WAIT)
        .until(
            () -> {
              List<PolicyEvent> found = new ArrayList<>();
              for (byte[] value : CommittedRecords.of(bootstrap, EVENTS)) {
                PolicyEvent e = EventCodec.parse(value);
                if (e.type == EventType.CALLBACK_COMPLETED && LOOPED.equals(e.policyholderId)) {
                  found.add(e);
                }
              }
              return found;
            },
            found -> found.size() >= n);
  }

  private static CaseEvent awaitCaseEvent(String bootstrap, String caseId, CaseEventKind kind) {
    return await()
        .atMost(WAIT)
        .until(
            () -> {
              for (byte[] value : CommittedRecords.of(bootstrap, CASE_EVENTS)) {
                CaseEvent e = CaseEventJson.read(value);
                if (e.caseId().equals(caseId) && e.kind() == kind) {
                  return Optional.of(e);
                }
              }
              return Optional.<CaseEvent>empty();
            },
            Optional::isPresent)
        .orElseThrow();
  }

  /** The signed case link the agents' receiver got with the alert {@code alertId}. */
  private URI awaitCaseLink(WebhookReceiver receiver, String alertId) {
    return await()
        .atMost(WAIT)
        .until(
            () -> {
              for (WebhookReceiver.Request r : receiver.requests("/agents")) {
                JsonNode body = json.readTree(r.body());
                if (alertId.equals(body.path("alertId").asText()) && body.has("caseUrl")) {
                  return Optional.of(URI.create(body.get("caseUrl").asText()));
                }
              }
              return Optional.<URI>empty();
            },
            Optional::isPresent)
        .orElseThrow();
  }

  private JsonNode awaitLeadMessage(WebhookReceiver receiver, String escalationId) {
    return await()
        .atMost(WAIT)
        .until(
            () -> {
              for (WebhookReceiver.Request r : receiver.requests("/leads")) {
                JsonNode body = json.readTree(r.body());
                if (escalationId.equals(body.path("id").asText())) {
                  return Optional.of(body);
                }
              }
              return Optional.<JsonNode>empty();
            },
            Optional::isPresent)
        .orElseThrow();
  }

  private static Map<String, Outcome> outcomesOf(String bootstrap, String holder)
      throws IOException {
    Map<String, Outcome> out = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : EmbeddedKafka.readAll(bootstrap, OUTCOMES)) {
      Outcome o = OutcomeJson.parse(r.value());
      if (holder.equals(o.policyholderId)) {
        out.put(o.alertId, o);
      }
    }
    return out;
  }

  /** The job's running {@code journeys} accumulator ("what|plan|version|detail|arm" → count). */
  @SuppressWarnings("unchecked")
  private static Map<String, Long> journeyTally(JobClient job) throws Exception {
    Object tally = job.getAccumulators().get().get(JobCounters.JOURNEYS);
    return tally == null ? Map.of() : new TreeMap<>((Map<String, Long>) tally);
  }

  /** The sum over arms of the tally's {@code what} count for {@code detail} in the plan. */
  private static long count(Map<String, Long> tally, String what, String detail) {
    String prefix = what + "|" + PLAN + "|1|" + detail + "|";
    return tally.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
