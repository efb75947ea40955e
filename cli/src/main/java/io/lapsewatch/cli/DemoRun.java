package io.lapsewatch.cli;

import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alerts.service.AlertsService;
import io.lapsewatch.alerts.service.AlertsServiceConfig;
import io.lapsewatch.embedded.LocalStack;
import io.lapsewatch.featurestore.simulator.RetentionProgramme;
import io.lapsewatch.featurestore.simulator.SimulationConfig;
import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.featurestore.store.RedisSettings;
import io.lapsewatch.flinkjobs.JobCounters;
import io.lapsewatch.flinkjobs.JobSettings;
import io.lapsewatch.flinkjobs.ScoringJob;
import io.lapsewatch.modeltraining.TrainCommand;
import io.lapsewatch.modeltraining.model.ChurnModel;
import io.lapsewatch.modeltraining.model.ModelRegistry;
import io.lapsewatch.retentiondesk.RetentionDesk;
import io.lapsewatch.retentiondesk.RetentionDeskConfig;
import io.lapsewatch.retentiondesk.team.LoginLinks;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import redis.clients.jedis.UnifiedJedis;

/**
 * One run of {@code demo}, one method per printed step: start the local servers, simulate history,
 * train, start the alerts service, publish a live period, run the job, let the simulated agents
 * work the retention cases through the case pages, then summarise.
 */
final class DemoRun {
  /** Records the demo sends that break the event contract, to show the dead-letter topic. */
  static final List<String> MALFORMED =
      List.of(
          "{\"eventId\":\"bad-1\",\"policyholderId\":\"PH00000001\",\"type\":\"DIGITAL_SESS",
          "{\"eventId\":\"bad-2\",\"policyholderId\":\"PH00000001\",\"type\":\"TELEPORTED\","
              + "\"occurredAt\":\"2025-05-01T10:00:00+08:00\",\"payload\":{}}",
          "{\"eventId\":\"bad-3\",\"policyholderId\":\"PH00000001\",\"type\":\"PREMIUM_PAID\","
              + "\"occurredAt\":\"2025-05-01T10:00:00+08:00\",\"policyId\":\"P1\","
              + "\"payload\":{\"amount\":\"lots\"}}");

  /**
   * Share of the live period's policyholders who opt out of contact per year: the job's contact
   * rules then suppress their alerts and journey steps, and their journeys exit as opted out.
   */
  static final double OPT_OUTS_PER_YEAR = 0.05;

  /** How long delivery of the raised alerts may take after the job finished. */
  private static final Duration DELIVERY_WAIT = Duration.ofSeconds(150);

  /**
   * The recovery window of the demo's alerts service (the longest allowed): it covers the whole
   * simulated live period, so every outcome the demo produced is in the printed and scraped rate.
   */
  static final int OUTCOME_WINDOW_DAYS = 365;

  /** The job's metrics scrape, written beside the alerts service's. */
  static final String JOB_METRICS_FILE = "job-metrics.prom";

  private final DemoPlan options;
  private final DemoProgress progress;
  private final long start = System.nanoTime();
  private LocalStack servers;
  private String bootstrap;
  private String redisUrl;
  private DemoTopics topics;

  /** The job's contact-rule counters, read in this JVM. */
  private final DemoJobMetrics jobMetrics = new DemoJobMetrics();

  /** The journey plans the job and the simulated world run (written to the work folder). */
  private Path journeysFile;

  /**
   * The retention desk's time: the simulated one, from the start of the live period, moved on by
   * the simulated agents (by the wall clock every 2025 case would be overdue, every link expired).
   */
  private final DemoClock deskClock = DemoClock.at(liveStart());

  /** This run's case-link secret: it also signs the lead's login link the summary prints. */
  private final String deskSecret = randomSecret();

  /** The job's run: its counters and how long it took. */
  private record JobRun(
      JobExecutionResult result,
      double seconds,
      io.lapsewatch.flinkjobs.monitoring.MonitoringSettings monitoring) {
    long counter(String name) {
      return JobCounters.get(result, name);
    }

    /** A journey tally of the job (empty when the job counted nothing under that name). */
    @SuppressWarnings("unchecked")
    Map<String, Long> tally(String name) {
      Object v = result.getAllAccumulatorResults().get(name);
      return v instanceof Map<?, ?> m ? (Map<String, Long>) m : Map.of();
    }
  }

  DemoRun(DemoPlan options, PrintStream out) {
    this.options = options;
    this.progress = new DemoProgress(out, 7);
  }

  /** Runs every step; 0 if alerts were raised and delivered, 1 if the job raised none. */
  int run() throws Exception {
    Files.createDirectories(options.workDir());
    journeysFile = DemoJourneys.prepare(options.journeys(), options.workDir());
    servers = startServers();
    try {
      createTopics();
      Path history = simulateHistory();
      Path registry = train(history);
      AlertsService alerts = startAlertsService();
      long published = publishLiveEvents(registry);
      JobRun job = runJob(registry, alerts);
      long alertCount = job.counter(JobCounters.ALERTS);
      awaitDeliveries(alerts, alertCount);
      awaitOutcomes(alerts);
      List<Outcome> outcomes = DemoRecovery.read(bootstrap, topics.outcomes());
      DemoAgents.Report agents = workCases(alerts, outcomes);
      DemoSummary summary = summarise(published, job, alerts, outcomes, agents);
      summary.print(progress.out());
      if (!summary.scrapeMatches()) {
        progress
            .out()
            .println(
                "FAILED: the recovery rate in "
                    + summary.metricsFile()
                    + " differs from the one printed; the alerts service read other outcomes");
        return 1;
      }
      if (agents.failedTaps() > 0) {
        progress
            .out()
            .println(
                "FAILED: the case pages refused "
                    + agents.failedTaps()
                    + " of the agents' "
                    + agents.tapsPlanned()
                    + " taps, e.g. "
                    + agents.failures());
        return 1;
      }
      if (agents.casesWithoutLink() > 0) {
        progress
            .out()
            .println(
                "FAILED: "
                    + agents.casesWithoutLink()
                    + " retention cases are linked from no delivered message, so no agent can"
                    + " open them");
        return 1;
      }
      if (alertCount == 0) {
        progress
            .out()
            .println("FAILED: the job raised no alerts; check the model threshold in " + registry);
        return 1;
      }
      if (options.keepRunning()) {
        progress.out().println("Serving metrics until you press Ctrl-C ...");
        // Ctrl-C or SIGTERM: the local stack's shutdown hook stops the service and the servers.
        Thread.currentThread().join();
      }
      return 0;
    } finally {
      try {
        servers.close();
      } catch (Exception e) {
        progress.detail("(while stopping: " + e.getMessage() + ")");
      }
    }
  }

  /** Step 1: Kafka and Redis unless external ones were given, and the local receivers. */
  private LocalStack startServers() throws Exception {
    LocalStack.Builder stack = LocalStack.builder().withWebhookReceiver().withSmtp();
    bootstrap = options.bootstrapServers();
    if (bootstrap == null) {
      progress.next("starting Kafka (in-process KRaft broker)");
      stack.withKafka();
      topics = DemoTopics.local();
    } else {
      progress.next("using Kafka at " + bootstrap);
      topics = DemoTopics.onSharedBroker();
    }
    redisUrl = options.redisUrl();
    if (redisUrl == null) {
      stack.withRedis();
    }
    LocalStack started = stack.start();
    if (bootstrap == null) {
      bootstrap = started.bootstrapServers();
      progress.detail("Kafka broker listening on " + bootstrap + " (loopback only)");
    }
    if (redisUrl == null) {
      redisUrl = started.redisUrl();
      progress.detail("redis-server started on " + redisUrl);
    } else {
      progress.detail(
          "using Redis at " + RedisSettings.parse(redisUrl, options.redisPassword(), false));
    }
    return started;
  }

  private void createTopics() throws Exception {
    Topics.ensure(bootstrap, 2, topics.createdUpFront());
  }

  /** Step 2: a year of history for the book, written to the work folder. */
  private Path simulateHistory() throws Exception {
    progress.next(
        String.format(
            "simulating %,d policyholders over 365 days of history (seed %d)",
            options.holders(), options.seed()));
    Path historyFile = options.workDir().resolve("history.ndjson");
    SimulateCommand.toFile(
        SimulationConfig.of(options.holders(), 365, options.seed()),
        historyFile,
        progress.indented());
    return historyFile;
  }

  /** Step 3: trains the lapse model and publishes it in a registry folder. */
  private Path train(Path historyFile) throws Exception {
    progress.next("training the lapse model on that history");
    Path registry = options.workDir().resolve("models");
    TrainCommand.run(historyFile, registry, new int[] {60, 30}, true, progress.indented());
    return registry;
  }

  /**
   * Step 4: the alerts service with the real notifiers routed to the local receivers, the Redis
   * notification log, actions, the outcomes that feed its recovery-rate metrics, and the retention
   * desk (a case per treated alert, its pages on the service's port).
   */
  private AlertsService startAlertsService() throws Exception {
    progress.next(
        "starting the alerts service: real chat and email notifiers, local receivers, Redis"
            + " notification log, actions, outcomes and the retention desk");
    Path routes = routesFile();
    Files.writeString(routes, DemoRoutes.yaml(servers.receiver(), servers.smtpPort()));
    Map<String, String> config = new LinkedHashMap<>();
    config.put(AlertsServiceConfig.BOOTSTRAP_SERVERS, bootstrap);
    config.put(AlertsServiceConfig.TOPIC, topics.alerts());
    config.put(AlertsServiceConfig.DEAD_LETTER_TOPIC, topics.alertsDeadLetters());
    // A fixed port, so the case links in messages (desk.public-url) can name it.
    int port = freePort();
    config.put(AlertsServiceConfig.METRICS_PORT, String.valueOf(port));
    config.put(AlertsServiceConfig.ROUTING_FILE, routes.toString());
    config.put(AlertsServiceConfig.REDIS_URL, redisUrl);
    if (options.redisPassword() != null) {
      config.put(AlertsServiceConfig.REDIS_PASSWORD, options.redisPassword());
    }
    config.put(AlertsServiceConfig.ACTIONS_ENABLED, "true");
    config.put(AlertsServiceConfig.ACTIONS_TOPIC, topics.actions());
    config.put(AlertsServiceConfig.OUTCOMES_ENABLED, "true");
    config.put(AlertsServiceConfig.OUTCOMES_TOPIC, topics.outcomes());
    config.put(AlertsServiceConfig.OUTCOMES_WINDOW_DAYS, String.valueOf(OUTCOME_WINDOW_DAYS));
    // The retention desk: a case per treated alert, its pages on the service's own port, agents'
    // results back into the event topic.
    config.put(RetentionDeskConfig.CASE_EVENTS_TOPIC, topics.caseEvents());
    config.put(RetentionDeskConfig.POLICY_EVENTS_TOPIC, topics.events());
    config.put(RetentionDeskConfig.PUBLIC_URL, "http://127.0.0.1:" + port);
    config.put(RetentionDeskConfig.LINK_SECRET, "${env:LW_DEMO_DESK_LINK_SECRET}");
    config.put(
        RetentionDeskConfig.ROLES_FILE,
        DemoRoles.write(options.workDir().resolve("roles.yml"), new SecureRandom()).toString());
    // The demo expires overdue cases itself when the simulated agents are done (at the end of the
    // live period); a scheduled expiry meanwhile would race the check that it shows them all. The
    // schedule also runs the escalation pass by the wall clock: the demo's agents run that pass
    // in simulated desk time instead (DemoAgents), so cases escalate as their service level says.
    config.put(RetentionDeskConfig.EXPIRY_INTERVAL_MS, "86400000");
    AlertsService alerts =
        AlertsService.start(
            AlertsServiceConfig.from(
                config,
                Map.of(
                    "LW_DEMO_DINGTALK_SECRET",
                    "demo-signing-secret",
                    "LW_DEMO_DESK_LINK_SECRET",
                    deskSecret)),
            deskClock);
    servers.closeFirst(alerts);
    progress.detail(
        "metrics on "
            + alerts.metricsAddress()
            + "; retention desk pages under "
            + alerts.baseAddress()
            + "/desk/; chat robots and SMTP on loopback, routes in "
            + routes);
    return alerts;
  }

  /** A free local port (the OS picks it; the service binds it right after). */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A fresh case-link secret per run: 32 random bytes, base64. */
  private static String randomSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  /** Step 5: the live period, reacting to the job's decisions, plus the malformed records. */
  private long publishLiveEvents(Path registry) throws Exception {
    progress.next(
        String.format(
            "publishing %d days of live events to Kafka topic %s (plus %d malformed records)",
            options.days(), topics.events(), MALFORMED.size()));
    // The simulated policyholders react to the same decisions the job will make: treated ones
    // get an offer or a call, and some who meant to lapse stay.
    RetentionProgramme programme =
        programme(
            registry,
            JobSettings.of(
                Map.of(
                    "kafka.bootstrap-servers",
                    bootstrap,
                    "redis.url",
                    redisUrl,
                    "model.registry",
                    registry.toString(),
                    "journeys.file",
                    journeysFile.toString())));
    long published =
        SimulateCommand.toTopic(
            SimulationConfig.of(options.holders(), options.days(), options.seed() + 1),
            OPT_OUTS_PER_YEAR,
            bootstrap,
            topics.events(),
            programme,
            progress.indented());
    try (KafkaProducer<byte[], byte[]> producer = SimulateCommand.producer(bootstrap)) {
      for (String bad : MALFORMED) {
        producer.send(new ProducerRecord<>(topics.events(), bad.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return published;
  }

  /** Step 6: the scoring job over the live period, with progress every two seconds. */
  private JobRun runJob(Path registry, AlertsService alerts) throws Exception {
    progress.next("running the scoring job on a local Flink MiniCluster (parallelism 2)");
    progress.detail(
        "journey plans " + DemoJourneys.describe(journeysFile) + " from " + journeysFile);
    JobSettings settings = jobSettings(registry);
    org.apache.flink.configuration.Configuration conf = ScoringJob.baseConfiguration();
    jobMetrics.configure(conf);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    CompletableFuture<JobExecutionResult> job =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return ScoringJob.fromSettings(settings).execute(env);
              } catch (Exception e) {
                throw new IllegalStateException("scoring job failed: " + e.getMessage(), e);
              }
            });
    long jobStart = System.nanoTime();
    try (UnifiedJedis jedis =
        RedisConnections.open(RedisSettings.parse(redisUrl, options.redisPassword(), false))) {
      while (!job.isDone()) {
        Thread.sleep(2_000); // a progress line every two seconds, not a wait for a condition
        if (!job.isDone()) {
          progress.detailf(
              "%4.0f s: %,d keys in Redis (features, notification log), %,d alerts delivered%n",
              (System.nanoTime() - jobStart) / 1e9, jedis.dbSize(), alerts.alertsReceived());
        }
      }
    }
    JobExecutionResult result = job.join();
    return new JobRun(result, (System.nanoTime() - jobStart) / 1e9, settings.monitoring());
  }

  private JobSettings jobSettings(Path registry) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("kafka.bootstrap-servers", bootstrap);
    c.put("kafka.group-id", "lapsewatch-demo-" + System.currentTimeMillis());
    c.put("events.topic", topics.events());
    c.put("events.dlq-topic", topics.eventsDeadLetters());
    c.put("alerts.topic", topics.alerts());
    c.put("outcomes.topic", topics.outcomes());
    c.put("redis.url", redisUrl);
    if (options.redisPassword() != null) {
      c.put("redis.password", options.redisPassword());
    }
    c.put("model.registry", registry.toString());
    c.put("journeys.file", journeysFile.toString());
    c.put("events.bounded", "true");
    c.put("job.parallelism", "2");
    c.put(
        "checkpoint.dir",
        options.workDir().resolve("checkpoints").toAbsolutePath().toUri().toString());
    return JobSettings.of(c);
  }

  /** Start of the simulated live period (UTC). */
  private static Instant liveStart() {
    return SimulationConfig.DEFAULT_START.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * Step 7: the simulated agents open each delivered case link and tap a result through the case
   * pages, in simulated time; then the desk expires what is overdue at the end of the live period.
   */
  private DemoAgents.Report workCases(AlertsService alerts, List<Outcome> outcomes)
      throws Exception {
    progress.next(
        "simulated agents open the case link in each message and tap a result on the case page");
    RetentionDesk desk =
        alerts.desk().orElseThrow(() -> new IllegalStateException("the retention desk is off"));
    return new DemoAgents(desk, deskClock, progress)
        .work(
            DemoCaseLinks.delivered(servers.receiver(), servers.smtp()),
            DemoRecovery.byAlert(outcomes),
            options.seed(),
            liveStart().plus(Duration.ofDays(options.days())));
  }

  /** Every alert goes through signed chat requests and SMTP; delivery may lag the job. */
  private void awaitDeliveries(AlertsService alerts, long alertCount) throws InterruptedException {
    long waitUntil = System.nanoTime() + DELIVERY_WAIT.toNanos();
    while (!alerts.awaitHandled(alertCount, Duration.ofSeconds(5))
        && System.nanoTime() < waitUntil) {
      progress.detailf(
          "delivering: %,d of %,d alerts handled%n", alerts.recordsHandled(), alertCount);
    }
    if (alerts.recordsHandled() < alertCount) {
      throw new IllegalStateException(
          "the alerts service handled "
              + alerts.recordsHandled()
              + " of "
              + alertCount
              + " alerts within "
              + DELIVERY_WAIT.toSeconds()
              + " s");
    }
  }

  /**
   * The job has finished, so the outcomes topic is complete: waits until the alerts service has
   * read all of it, so its /metrics show every outcome the summary counts.
   */
  private void awaitOutcomes(AlertsService alerts) throws Exception {
    long onTopic = Topics.count(bootstrap, topics.outcomes());
    long waitUntil = System.nanoTime() + DELIVERY_WAIT.toNanos();
    while (alerts.outcomesRead() < onTopic && System.nanoTime() < waitUntil) {
      progress.detailf(
          "reading outcomes into the metrics: %,d of %,d%n", alerts.outcomesRead(), onTopic);
      Thread.sleep(1_000); // a progress line a second while the condition above is polled
    }
    if (alerts.outcomesRead() < onTopic) {
      throw new IllegalStateException(
          "the alerts service read "
              + alerts.outcomesRead()
              + " of "
              + onTopic
              + " outcomes within "
              + DELIVERY_WAIT.toSeconds()
              + " s");
    }
  }

  private DemoSummary summarise(
      long published,
      JobRun job,
      AlertsService alerts,
      List<Outcome> outcomes,
      DemoAgents.Report agents)
      throws Exception {
    long deadLettered = Topics.count(bootstrap, topics.eventsDeadLetters());
    DemoRecovery recovery = DemoRecovery.of(outcomes, OUTCOME_WINDOW_DAYS);
    // Scraped after the agents, so the desk's results and case gauges are in it.
    String scrape = DemoMetricsScrape.fetch(alerts.metricsAddress());
    Path metricsFile = DemoMetricsScrape.save(scrape, options.workDir());
    Path jobScrape = jobMetrics.writeScrape(options.workDir().resolve(JOB_METRICS_FILE));
    return new DemoSummary(
        (System.nanoTime() - start) / 1e9,
        job.seconds(),
        published,
        job.counter(JobCounters.EVENTS_VALID),
        deadLettered,
        job.counter(JobCounters.EVENTS_TOO_LATE),
        job.counter(JobCounters.POLICYHOLDERS_SCORED),
        options.holders(),
        job.counter(JobCounters.ALERTS),
        alerts.countsByTierAndAction(),
        DemoSummary.deliveries(servers.receiver(), servers.smtp()),
        alerts.sampleAlert().orElse(null),
        alerts.metricsAddress(),
        routesFile(),
        recovery,
        metricsFile,
        scrape,
        new DemoSummary.Desk(
            agents,
            leadLoginLink(alerts),
            topics.events(),
            servers.receiver().requests(DemoRoutes.LEADS_PATH).size()),
        new DemoSummary.Journeys(
            journeysFile,
            new DemoJourneyTable(
                DemoJourneys.plans(journeysFile),
                job.tally(JobCounters.JOURNEYS),
                job.tally(JobCounters.JOURNEY_SUPPRESSIONS),
                outcomes),
            job.counter(JobCounters.CONTACTS_SUPPRESSED),
            jobMetrics.suppressedByReason()),
        new DemoModelHealth(
            io.lapsewatch.flinkjobs.monitoring.ModelHealthFigures.from(job.result()),
            job.monitoring().leadDays(),
            job.monitoring().windowDays(),
            jobScrape,
            jobMetrics.gauge("lapsewatch_score_drift_psi")));
  }

  /** A login link for the demo's lead, valid for 12 hours of the desk's (simulated) time. */
  private String leadLoginLink(AlertsService alerts) {
    LoginLinks links = new LoginLinks(deskSecret.getBytes(StandardCharsets.UTF_8), deskClock);
    return alerts.baseAddress()
        + links.make(DemoRoles.LEAD, deskClock.instant().plus(Duration.ofHours(12)));
  }

  private Path routesFile() {
    return options.workDir().resolve("routes.yml");
  }

  /** The job's decision and journeys, replayed inside the simulated world. */
  static RetentionProgramme programme(Path registry, JobSettings settings) throws Exception {
    ChurnModel model = new ModelRegistry(registry).loadCurrent();
    return new DemoJourneyProgramme(model, settings.holdout(), settings.journeys());
  }
}
