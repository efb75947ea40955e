package io.lapsewatch.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.Arm;
import io.lapsewatch.alertcontract.Outcome;
import io.lapsewatch.alertcontract.OutcomeJson;
import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.policy.AlertPolicy;
import io.lapsewatch.alertcontract.policy.DecisionConfig;
import io.lapsewatch.alertcontract.policy.HoldoutArm;
import io.lapsewatch.alerts.notify.ConsoleNotifier;
import io.lapsewatch.alerts.service.AlertsService;
import io.lapsewatch.alerts.service.AlertsServiceConfig;
import io.lapsewatch.embedded.EmbeddedKafka;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.embedded.WebhookReceiver;
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
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code demo}: the whole LapseWatch loop on one machine. Starts Kafka (in-process KRaft) and a
 * real redis-server unless external ones are given, simulates a book of policyholders, trains a
 * model on their history, streams a fresh period through the Flink job on a local MiniCluster and
 * the alerts service with a local webhook receiver, then prints what happened.
 */
final class DemoCommand {
  /** Records the demo sends that break the event contract, to show the dead-letter topic. */
  static final List<String> MALFORMED =
      List.of(
          "{\"eventId\":\"bad-1\",\"policyholderId\":\"PH00000001\",\"type\":\"DIGITAL_SESS",
          "{\"eventId\":\"bad-2\",\"policyholderId\":\"PH00000001\",\"type\":\"TELEPORTED\","
              + "\"occurredAt\":\"2025-05-01T10:00:00+08:00\",\"payload\":{}}",
          "{\"eventId\":\"bad-3\",\"policyholderId\":\"PH00000001\",\"type\":\"PREMIUM_PAID\","
              + "\"occurredAt\":\"2025-05-01T10:00:00+08:00\",\"policyId\":\"P1\","
              + "\"payload\":{\"amount\":\"lots\"}}");

  private DemoCommand() {}

  static int run(DemoOptions a, PrintStream out) throws Exception {
    int holders = a.holders;
    int days = a.days;
    long seed = a.seed;
    String redisUrl = a.redis();
    String redisPassword = System.getenv("LAPSEWATCH_REDIS_PASSWORD");
    String bootstrap = a.bootstrap();
    Path work = a.work;
    boolean keepRunning = a.keepRunning;
    SimulationConfig history = SimulationConfig.of(holders, 365, seed);
    SimulationConfig live = SimulationConfig.of(holders, days, seed + 1);

    long t0 = System.nanoTime();
    Deque<AutoCloseable> closeLast = new ArrayDeque<>();
    Step step = new Step(out, 6);
    try {
      Files.createDirectories(work);
      String topicPrefix = "";
      if (bootstrap == null) {
        step.next("starting Kafka (in-process KRaft broker)");
        EmbeddedKafka kafka = EmbeddedKafka.start();
        closeLast.push(kafka);
        bootstrap = kafka.bootstrapServers();
      } else {
        step.next("using Kafka at " + bootstrap);
        topicPrefix = "demo-" + System.currentTimeMillis() + "-";
      }
      if (redisUrl == null) {
        EmbeddedRedis redis = EmbeddedRedis.start();
        closeLast.push(redis);
        redisUrl = redis.url();
        out.println("      redis-server started on " + redisUrl);
      } else {
        out.println("      using Redis at " + RedisSettings.parse(redisUrl, redisPassword, false));
      }
      String eventsTopic = topicPrefix + "policy-events";
      String dlqTopic = topicPrefix + "policy-events-dlq";
      String alertsTopic = topicPrefix + "retention-alerts";
      String outcomesTopic = topicPrefix + "retention-outcomes";
      Topics.ensure(
          bootstrap,
          2,
          List.of(eventsTopic, dlqTopic, alertsTopic, topicPrefix + "retention-alerts-dlq"));

      step.next(
          String.format(
              "simulating %,d policyholders over 365 days of history (seed %d)", holders, seed));
      Path historyFile = work.resolve("history.ndjson");
      SimulateCommand.toFile(history, historyFile, indent(out));

      step.next("training the lapse model on that history");
      Path registry = work.resolve("models");
      TrainCommand.run(historyFile, registry, new int[] {60, 30}, true, indent(out));

      step.next("starting the alerts service: real chat and email notifiers, local receivers");
      WebhookReceiver receiver = WebhookReceiver.start();
      closeLast.push(receiver);
      GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      closeLast.push(smtp::stop);
      Path routes = work.resolve("routes.yml");
      Files.writeString(routes, demoRoutes(receiver, smtp.getSmtp().getPort()));
      Map<String, String> alertsConfig = new LinkedHashMap<>();
      alertsConfig.put(AlertsServiceConfig.BOOTSTRAP_SERVERS, bootstrap);
      alertsConfig.put(AlertsServiceConfig.TOPIC, alertsTopic);
      alertsConfig.put(AlertsServiceConfig.DEAD_LETTER_TOPIC, topicPrefix + "retention-alerts-dlq");
      alertsConfig.put(AlertsServiceConfig.METRICS_PORT, "0");
      alertsConfig.put(AlertsServiceConfig.ROUTING_FILE, routes.toString());
      AlertsService alerts =
          AlertsService.start(
              AlertsServiceConfig.from(
                  alertsConfig, Map.of("LW_DEMO_DINGTALK_SECRET", "demo-signing-secret")));
      closeLast.push(alerts);
      out.println(
          "      metrics on "
              + alerts.metricsAddress()
              + "; chat robots and SMTP on loopback, routes in "
              + routes);

      step.next(
          String.format(
              "publishing %d days of live events to Kafka topic %s (plus %d malformed records)",
              days, eventsTopic, MALFORMED.size()));
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
                      registry.toString())));
      long published =
          SimulateCommand.toTopic(live, bootstrap, eventsTopic, programme, indent(out));
      try (KafkaProducer<byte[], byte[]> producer = SimulateCommand.producer(bootstrap)) {
        for (String bad : MALFORMED) {
          producer.send(new ProducerRecord<>(eventsTopic, bad.getBytes(StandardCharsets.UTF_8)));
        }
      }

      step.next("running the scoring job on a local Flink MiniCluster (parallelism 2)");
      Map<String, String> jobConfig = new LinkedHashMap<>();
      jobConfig.put("kafka.bootstrap-servers", bootstrap);
      jobConfig.put("kafka.group-id", "lapsewatch-demo-" + System.currentTimeMillis());
      jobConfig.put("events.topic", eventsTopic);
      jobConfig.put("events.dlq-topic", dlqTopic);
      jobConfig.put("alerts.topic", alertsTopic);
      jobConfig.put("outcomes.topic", outcomesTopic);
      jobConfig.put("redis.url", redisUrl);
      if (redisPassword != null) {
        jobConfig.put("redis.password", redisPassword);
      }
      jobConfig.put("model.registry", registry.toString());
      jobConfig.put("events.bounded", "true");
      jobConfig.put("job.parallelism", "2");
      jobConfig.put(
          "checkpoint.dir", work.resolve("checkpoints").toAbsolutePath().toUri().toString());
      JobSettings settings = JobSettings.of(jobConfig);
      Configuration flink = ScoringJob.baseConfiguration();
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, flink);
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
          RedisConnections.open(RedisSettings.parse(redisUrl, redisPassword, false))) {
        while (!job.isDone()) {
          Thread.sleep(2_000);
          if (!job.isDone()) {
            out.printf(
                "      %4.0f s: %,d policyholders in the feature store, %,d alerts delivered%n",
                (System.nanoTime() - jobStart) / 1e9, jedis.dbSize(), alerts.alertsReceived());
          }
        }
      }
      JobExecutionResult result = job.join();
      double jobSeconds = (System.nanoTime() - jobStart) / 1e9;
      long alertCount = JobCounters.get(result, JobCounters.ALERTS);
      // Every alert goes through signed chat requests and SMTP; give delivery time to finish.
      long waitUntil = System.nanoTime() + Duration.ofSeconds(150).toNanos();
      while (!alerts.awaitHandled(alertCount, Duration.ofSeconds(5))
          && System.nanoTime() < waitUntil) {
        out.printf(
            "      delivering: %,d of %,d alerts handled%n", alerts.recordsHandled(), alertCount);
      }
      if (alerts.recordsHandled() < alertCount) {
        throw new IllegalStateException(
            "the alerts service handled "
                + alerts.recordsHandled()
                + " of "
                + alertCount
                + " alerts within 150 s");
      }
      long deadLettered = Topics.count(bootstrap, dlqTopic);
      Map<String, long[]> byArm = recoveryByArm(bootstrap, outcomesTopic);

      Summary s =
          new Summary(
              (System.nanoTime() - t0) / 1e9,
              jobSeconds,
              published,
              JobCounters.get(result, JobCounters.EVENTS_VALID),
              deadLettered,
              JobCounters.get(result, JobCounters.EVENTS_TOO_LATE),
              JobCounters.get(result, JobCounters.POLICYHOLDERS_SCORED),
              holders,
              alertCount,
              alerts.countsByTierAndAction(),
              deliveries(receiver, smtp),
              alerts.sampleAlert().orElse(null),
              alerts.metricsAddress(),
              routes,
              byArm);
      s.print(out);
      if (alertCount == 0) {
        out.println("FAILED: the job raised no alerts; check the model threshold in " + registry);
        return 1;
      }
      if (keepRunning) {
        out.println("Serving metrics until you press Ctrl-C ...");
        Thread.currentThread().join();
      }
      return 0;
    } finally {
      while (!closeLast.isEmpty()) {
        try {
          closeLast.pop().close();
        } catch (Exception e) {
          out.println("      (while stopping: " + e.getMessage() + ")");
        }
      }
    }
  }

  /** Routing for the demo: the real chat and email notifiers, pointed at local receivers. */
  static String demoRoutes(WebhookReceiver chat, int smtpPort) {
    // Generous rate limits: the demo replays months in seconds; real robots keep their own.
    return String.join(
        "\n",
        "version: 1",
        "defaults:",
        "  locale: en",
        "  link: https://crm.example.com/retention/cases/{policyId}?alert={alertId}",
        "  mask-personal-data: true",
        "receivers:",
        "  callbacks-dingtalk:",
        "    channel: dingtalk",
        "    url: " + chat.url("/dingtalk") + "?access_token=demo",
        "    secret: ${env:LW_DEMO_DINGTALK_SECRET}",
        "    rate-limit: 100000/1s",
        "  offers-wecom:",
        "    channel: wecom",
        "    url: " + chat.url("/wecom") + "?key=demo",
        "    rate-limit: 100000/1s",
        "  critical-slack:",
        "    channel: slack",
        "    url: " + chat.url("/slack"),
        "    rate-limit: 100000/1s",
        "  retention-email:",
        "    channel: email",
        "    host: 127.0.0.1",
        "    port: " + smtpPort,
        "    security: none",
        "    from: LapseWatch <lapsewatch@demo.local>",
        "    to: [retention-team@demo.local]",
        "routes:",
        "  - name: high-value callbacks",
        "    match:",
        "      tier: HIGH_VALUE",
        "      action: AGENT_CALLBACK",
        "    receivers: [callbacks-dingtalk, retention-email]",
        "    continue: true",
        "  - name: renewal offers",
        "    match:",
        "      action: RENEWAL_OFFER",
        "    receivers: [offers-wecom]",
        "    continue: true",
        "  - name: critical risk",
        "    match:",
        "      risk-band: CRITICAL",
        "    receivers: [critical-slack]",
        "default:",
        "  receivers: [retention-email]",
        "");
  }

  /** What each local receiver got. */
  static String deliveries(WebhookReceiver chat, GreenMail smtp) {
    return String.format(
        "DingTalk %,d, WeCom %,d, Slack %,d, email %,d",
        chat.requests("/dingtalk").size(),
        chat.requests("/wecom").size(),
        chat.requests("/slack").size(),
        smtp.getReceivedMessages().length);
  }

  /** The job's decision, replayed inside the simulated world. */
  static RetentionProgramme programme(Path registry, JobSettings settings) throws Exception {
    ChurnModel model = new ModelRegistry(registry).loadCurrent();
    AlertPolicy policy = new AlertPolicy(DecisionConfig.withThreshold(model.threshold()));
    HoldoutArm holdout = settings.holdout();
    return v -> {
      java.util.Optional<Alert> a =
          policy.decide(
              v, model.score(v.values), model.version(), null, holdout.of(v.policyholderId), null);
      if (a.isEmpty() || a.get().arm == Arm.HOLDOUT) {
        return RetentionProgramme.Treatment.NONE;
      }
      return a.get().action == RetentionAction.AGENT_CALLBACK
          ? RetentionProgramme.Treatment.AGENT_CALLBACK
          : RetentionProgramme.Treatment.RENEWAL_OFFER;
    };
  }

  /** Arm → {recovered, lapsed} from the outcomes topic, read to its end. */
  static Map<String, long[]> recoveryByArm(String bootstrap, String topic) {
    Map<String, long[]> byArm = new LinkedHashMap<>();
    for (byte[] value : Topics.readAll(bootstrap, topic)) {
      try {
        Outcome o = OutcomeJson.parse(value);
        long[] counts = byArm.computeIfAbsent(o.arm.name(), x -> new long[2]);
        if (o.outcome == OutcomeKind.RECOVERED) {
          counts[0]++;
        } else if (o.outcome == OutcomeKind.LAPSED) {
          counts[1]++;
        }
      } catch (java.io.IOException e) {
        throw new IllegalStateException(
            "unreadable outcome on " + topic + ": " + e.getMessage(), e);
      }
    }
    return byArm;
  }

  private static PrintStream indent(PrintStream out) {
    return new PrintStream(
        new java.io.OutputStream() {
          private boolean lineStart = true;

          @Override
          public void write(int b) {
            if (lineStart) {
              out.print("      ");
              lineStart = false;
            }
            out.write(b);
            if (b == '\n') {
              lineStart = true;
            }
          }
        },
        true,
        StandardCharsets.UTF_8);
  }

  /** Numbered progress lines. */
  private static final class Step {
    private final PrintStream out;
    private final int total;
    private final long start = System.nanoTime();
    private int n;

    Step(PrintStream out, int total) {
      this.out = out;
      this.total = total;
    }

    void next(String what) {
      n++;
      out.printf("[%d/%d %5.1f s] %s%n", n, total, (System.nanoTime() - start) / 1e9, what);
    }
  }

  /** What the demo prints at the end. */
  record Summary(
      double totalSeconds,
      double jobSeconds,
      long published,
      long valid,
      long deadLettered,
      long tooLate,
      long scored,
      int holders,
      long alerts,
      Map<String, Long> byTierAndAction,
      String deliveries,
      Alert sample,
      String metricsAddress,
      Path consoleLog,
      Map<String, long[]> recoveryByArm) {
    void print(PrintStream out) {
      out.println();
      out.println("==== LapseWatch demo summary ====");
      out.printf(
          "events processed       %,d of %,d published (%,.0f events/s through the job)%n",
          valid, published + MALFORMED.size(), valid / Math.max(0.001, jobSeconds));
      out.printf(
          "dead-lettered          %,d records on the dead-letter topic with reasons (%d malformed"
              + " sent, %,d too late)%n",
          deadLettered, MALFORMED.size(), tooLate);
      out.printf(
          "policyholders scored   %,d of %,d (renewing within the alert horizon)%n",
          scored, holders);
      out.printf("alerts raised          %,d%n", alerts);
      byTierAndAction.forEach((k, v) -> out.printf("    %-36s %,d%n", k, v));
      out.printf("messages delivered     %s (routes in %s)%n", deliveries, consoleLog);
      if (sample != null) {
        out.println("sample alert message:");
        for (String line : ConsoleNotifier.format(sample).split("\n")) {
          out.println("    " + line);
        }
      }
      out.println(
          "recovery by arm        (alerted terms that renewed, of those whose outcome is known)");
      double[] rate = new double[2];
      int k = 0;
      for (String arm : List.of("TREATED", "HOLDOUT")) {
        long[] c = recoveryByArm.getOrDefault(arm, new long[2]);
        double r = c[0] + c[1] == 0 ? Double.NaN : (double) c[0] / (c[0] + c[1]);
        rate[k++] = r;
        out.printf("    %-8s %5.1f%% recovered (%,d of %,d)%n", arm, 100 * r, c[0], c[0] + c[1]);
      }
      out.printf("    uplift   %+5.1f points over the holdout%n", 100 * (rate[0] - rate[1]));
      out.println("metrics                " + metricsAddress);
      out.printf("finished in %.1f s%n", totalSeconds);
    }
  }
}
