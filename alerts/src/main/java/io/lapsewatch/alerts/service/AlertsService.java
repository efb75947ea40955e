package io.lapsewatch.alerts.service;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.Tier;
import io.lapsewatch.alertcontract.settings.SecretResolver;
import io.lapsewatch.alerts.actions.ActionNotifier;
import io.lapsewatch.alerts.actions.CallbackBook;
import io.lapsewatch.alerts.actions.CallbackEndpoint;
import io.lapsewatch.alerts.delivery.InMemoryNotificationLog;
import io.lapsewatch.alerts.delivery.NotificationLog;
import io.lapsewatch.alerts.delivery.RedisNotificationLog;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.MetricsServer;
import io.lapsewatch.alerts.metrics.OutcomeMetrics;
import io.lapsewatch.alerts.notify.ConsoleNotifier;
import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.notify.RetryPolicy;
import io.lapsewatch.alerts.notify.Sleeper;
import io.lapsewatch.alerts.notify.WebhookNotifier;
import io.lapsewatch.alerts.routing.RoutingConfigException;
import io.lapsewatch.alerts.routing.RoutingLoader;
import io.lapsewatch.alerts.routing.RoutingReloadMetrics;
import io.lapsewatch.alerts.routing.RoutingTable;
import io.lapsewatch.alerts.routing.RoutingWatcher;
import io.lapsewatch.alerts.routing.Target;
import io.lapsewatch.featurestore.events.DeadLetterFit;
import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.featurestore.store.RedisSettings;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The alerts service: consumes retention alerts from Kafka, delivers each to every notifier,
 * dead-letters what cannot be read or delivered, and commits offsets only after a whole poll batch
 * is done, so a crash or restart never loses an alert (it may deliver one twice).
 */
public final class AlertsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertsService.class);

  /** How long {@link #close()} lets an in-flight batch finish before interrupting it. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final AlertsServiceConfig.KafkaSettings kafka;
  private final AlertMetrics metrics = new AlertMetrics();
  private final AlertTally tally = new AlertTally();
  private final NotificationLog notificationLog;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AlertProcessor processor;
  private final PolicyholderErasure erasure;
  private final RoutingWatcher routingWatcher;
  private final MetricsServer metricsServer;
  private final OutcomeMetrics outcomeMetrics;
  private final OutcomeConsumer outcomeConsumer;
  private final CallbackBook callbackBook;
  private final Optional<Target> actionTarget;
  private final Thread pollThread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object handledLock = new Object();

  private volatile boolean running = true;
  private volatile boolean halted;
  private volatile Throwable failure;
  private long handled;
  private boolean closed;

  /**
   * @param routingContent the routing file's content when {@code routing} came from it (then the
   *     file is watched for changes); empty for a fixed list of notifiers
   */
  private AlertsService(
      AlertsServiceConfig config, RoutingTable routing, Optional<byte[]> routingContent)
      throws IOException {
    this.kafka = config.kafka();
    // Checked before any client starts: a bad max.request.size fails here, naming the setting.
    int deadLetterLimit = DeadLetterFit.limitFor(kafka.clientProperties());
    Duration window = Duration.ofDays(config.outcomes().windowDays());
    this.outcomeMetrics = new OutcomeMetrics(metrics.registry(), window);
    this.callbackBook = new CallbackBook(metrics.registry(), outcomeMetrics.timeToFirstContact());
    Map<String, Handler> endpoints = new HashMap<>();
    config
        .actions()
        .callbackToken()
        .ifPresent(
            token -> {
              endpoints.put(
                  CallbackEndpoint.PATH,
                  new CallbackEndpoint(token, callbackBook, Clock.systemUTC()));
              // Agents report first contacts directly; the job's view would count them twice.
              outcomeMetrics.firstContactFromOutcomes(false);
            });
    NotificationLog newLog = null;
    KafkaProducer<byte[], byte[]> newProducer = null;
    KafkaConsumer<byte[], byte[]> newConsumer = null;
    try {
      newLog = notificationLog(config.notificationLog());
      newProducer = new KafkaProducer<>(producerProperties(kafka));
      newConsumer = new KafkaConsumer<>(consumerProperties(kafka, config.delivery().giveUpAfter()));
      this.metricsServer =
          MetricsServer.start(
              metrics.registry(),
              config.metrics().host(),
              config.metrics().port(),
              this::isHealthy,
              endpoints,
              config.metrics().limits());
    } catch (IOException | RuntimeException e) {
      // Nothing may leak when, say, the metrics port is taken or Redis is unreachable.
      if (newConsumer != null) {
        newConsumer.close(Duration.ZERO);
      }
      if (newProducer != null) {
        newProducer.close(Duration.ZERO);
      }
      if (newLog != null) {
        newLog.close();
      }
      routing.close();
      throw e;
    }
    this.notificationLog = newLog;
    this.producer = newProducer;
    this.consumer = newConsumer;
    this.actionTarget =
        config.actions().enabled()
            ? Optional.of(
                new Target(
                    ActionNotifier.TARGET,
                    new ActionNotifier(
                        producer, config.actions().topic(), callbackBook, Clock.systemUTC()),
                    Optional.empty()))
            : Optional.empty();
    Duration lease = config.notificationLog().lease();
    DeadLetterSink deadLetters =
        new KafkaDeadLetterSink(producer, kafka.deadLetterTopic(), deadLetterLimit);
    this.processor =
        new AlertProcessor(
            withActions(routing),
            notificationLog,
            deadLetters,
            metrics,
            tally,
            Clock.systemUTC(),
            Sleeper.system(),
            lease.plusSeconds(5),
            () -> halted,
            config.delivery().giveUpAfter());
    this.erasure =
        new PolicyholderErasure(
            notificationLog,
            callbackBook,
            tally,
            metrics,
            config.actions().enabled() ? Optional.of(producer) : Optional.empty(),
            config.actions().topic());
    metrics.routingLoaded(Instant.now().getEpochSecond());
    if (routingContent.isPresent()) {
      AlertsServiceConfig.RoutingSettings r = config.routing().orElseThrow();
      this.routingWatcher =
          new RoutingWatcher(
              r.file(),
              routingLoader(config),
              r.reloadInterval(),
              Clock.systemUTC(),
              new RoutingReloadMetrics(metrics, Clock.systemUTC()),
              routingContent.get());
    } else {
      this.routingWatcher = null;
    }
    this.outcomeConsumer =
        config.outcomes().enabled()
            ? new OutcomeConsumer(
                kafka,
                config.outcomes().topic(),
                outcomeMetrics,
                deadLetters,
                window,
                Clock.systemUTC())
            : null;
    this.pollThread = new Thread(this::pollLoop, "lapsewatch-alerts-consumer");
  }

  /** {@code table} with the retention-actions writer added for every alert, when enabled. */
  private RoutingTable withActions(RoutingTable table) {
    return actionTarget.map(table::withTarget).orElse(table);
  }

  private static NotificationLog notificationLog(AlertsServiceConfig.NotificationLogSettings s) {
    if (s.redisUrl().isEmpty()) {
      LOG.warn(
          "No redis.url: the notification log is in memory, so alerts replayed after a restart"
              + " may be notified twice");
      return new InMemoryNotificationLog(s.lease(), s.ttl(), Clock.systemUTC());
    }
    RedisSettings redis =
        RedisSettings.parse(s.redisUrl().get(), s.redisPassword().orElse(null), false);
    UnifiedJedis client = RedisConnections.open(redis);
    try {
      // Fail at startup, not on the first alert, when Redis is unreachable or the password wrong.
      client.ping();
    } catch (RuntimeException e) {
      client.close();
      throw new IllegalStateException(
          "notification log: cannot reach Redis at " + redis + ": " + e.getMessage(), e);
    }
    return new RedisNotificationLog(
        client, true, s.keyPrefix(), s.lease(), s.ttl(), Clock.systemUTC());
  }

  /** Transport defaults of routed receivers, from the {@code delivery.*} keys. */
  static HttpOptions httpOptions(AlertsServiceConfig.DeliverySettings d) {
    return HttpOptions.defaults()
        .withTimeouts(d.connectTimeout(), d.requestTimeout())
        .withRetry(new RetryPolicy(d.maxAttempts(), d.initialBackoff(), d.maxBackoff()));
  }

  private static RoutingLoader routingLoader(AlertsServiceConfig config) {
    return new RoutingLoader(
        new SecretResolver(config.environment()), httpOptions(config.delivery()));
  }

  /**
   * Starts a service: with {@code routing.file}, alerts go where its rules say (and the file is
   * reloaded when it changes); without, every alert goes to the console and webhook notifiers the
   * configuration describes.
   *
   * @throws RoutingConfigException when the routing file is wrong (the message says where)
   */
  public static AlertsService start(AlertsServiceConfig config) throws IOException {
    if (config.routing().isEmpty()) {
      return start(config, notifiersFrom(config));
    }
    RoutingWatcher.Loaded loaded =
        RoutingWatcher.loadInitial(config.routing().get().file(), routingLoader(config));
    return start(config, loaded.table(), Optional.of(loaded.content()));
  }

  /**
   * Starts a service delivering every alert to each of {@code notifiers} (the configuration's
   * {@code console.*}, {@code webhook.*} and {@code routing.*} settings are then not used). The
   * service closes the notifiers.
   */
  public static AlertsService start(AlertsServiceConfig config, List<Notifier> notifiers)
      throws IOException {
    if (notifiers.isEmpty()) {
      throw new IllegalArgumentException(
          "no notifier configured: set "
              + AlertsServiceConfig.ROUTING_FILE
              + ", "
              + AlertsServiceConfig.WEBHOOK_URL
              + " or "
              + AlertsServiceConfig.CONSOLE_ENABLED
              + "=true");
    }
    // Checks that the channels differ: metrics, dead letters and the log are per target.
    return start(config, RoutingTable.broadcast(notifiers), Optional.empty());
  }

  private static AlertsService start(
      AlertsServiceConfig config, RoutingTable routing, Optional<byte[]> routingContent)
      throws IOException {
    AlertsService service = new AlertsService(config, routing, routingContent);
    service.pollThread.start();
    if (service.outcomeConsumer != null) {
      service.outcomeConsumer.start();
    }
    LOG.info(
        "Alerts service consuming '{}' as group '{}'; routing: {}; notification log: {}; metrics"
            + " on {}",
        config.kafka().topic(),
        config.kafka().groupId(),
        routing.describe(),
        service.notificationLog.describe(),
        service.metricsAddress());
    return service;
  }

  /** The notifiers {@code config} describes: console (if enabled) and webhook (if a URL is set). */
  public static List<Notifier> notifiersFrom(AlertsServiceConfig config) {
    List<Notifier> list = new ArrayList<>();
    if (config.consoleEnabled()) {
      list.add(ConsoleNotifier.stdout());
    }
    config
        .webhook()
        .ifPresent(
            w ->
                list.add(
                    WebhookNotifier.builder(w.url())
                        .connectTimeout(w.connectTimeout())
                        .requestTimeout(w.requestTimeout())
                        .maxAttempts(w.maxAttempts())
                        .initialBackoff(w.initialBackoff())
                        .maxBackoff(w.maxBackoff())
                        .build()));
    return list;
  }

  private static Properties consumerProperties(
      AlertsServiceConfig.KafkaSettings k, Duration giveUpAfter) {
    Properties p = new Properties();
    p.putAll(k.clientProperties());
    // Set after the pass-through properties: these are what the delivery guarantee rests on.
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, k.groupId());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, k.groupId() + "-consumer");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(k.maxPollRecords()));
    // A batch may wait out a receiver outage for up to delivery.give-up-after-ms; the group must
    // not evict the consumer meanwhile (Kafka's default of 5 minutes on top of that).
    p.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        Long.toString(Duration.ofMinutes(5).plus(giveUpAfter).toMillis()));
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  private static Properties producerProperties(AlertsServiceConfig.KafkaSettings k) {
    Properties p = new Properties();
    p.putAll(k.clientProperties());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, k.groupId() + "-dlq");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  private void pollLoop() {
    try {
      consumer.subscribe(List.of(kafka.topic()));
      while (running && !halted) {
        if (routingWatcher != null) {
          // Between batches: a reload never races a delivery.
          routingWatcher.poll().ifPresent(t -> processor.useRouting(withActions(t)).close());
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
          continue; // close() woke us; the loop condition decides
        }
        if (records.isEmpty()) {
          continue;
        }
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        // Tombstones on the alerts topic are erasure requests, applied in record order.
        erasure.handleInOrder(batch, processor::processBatch);
        commit();
        synchronized (handledLock) {
          handled += records.count();
          handledLock.notifyAll();
        }
      }
    } catch (AlertProcessor.Halted e) {
      // A simulated crash: stop where we are, commit nothing.
      LOG.warn("Alerts consumer halted mid-batch; the uncommitted batch is redelivered");
    } catch (InterruptedException | InterruptException e) {
      // Interrupted by close() after the grace period: the uncommitted batch is redelivered.
      LOG.info("Alerts consumer interrupted during shutdown; the current batch is redelivered");
    } catch (Throwable t) {
      failure = t;
      LOG.error(
          "Alerts consumer stopped; uncommitted alerts are redelivered after a restart: {}",
          t.toString(),
          t);
    } finally {
      running = false;
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warn("Closing the Kafka consumer failed: {}", e.toString());
      }
      synchronized (handledLock) {
        handledLock.notifyAll();
      }
      stopped.countDown();
    }
  }

  private void commit() {
    if (halted) {
      throw new AlertProcessor.Halted();
    }
    try {
      consumer.commitSync();
    } catch (WakeupException e) {
      // close() arrived while the batch was being delivered: finish the commit, then stop.
      consumer.commitSync();
    }
  }

  /** Alerts read so far (valid ones, holdout included), since this process started. */
  public long alertsReceived() {
    return tally.received();
  }

  /** Alerts read so far by {@code TIER/ACTION}, e.g. {@code HIGH_VALUE/AGENT_CALLBACK}. */
  public Map<String, Long> countsByTierAndAction() {
    return tally.byTierAndAction();
  }

  /** Alerts read so far by value tier. */
  public Map<Tier, Long> countsByTier() {
    return tally.byTier();
  }

  /** Alerts read so far by retention action. */
  public Map<RetentionAction, Long> countsByAction() {
    return tally.byAction();
  }

  /**
   * One alert seen so far, a high-value one if any, to show what a message looks like; the instance
   * is shared, do not modify it.
   */
  public Optional<Alert> sampleAlert() {
    return tally.sample();
  }

  /** Records fully handled (delivered, held out or dead-lettered) and committed. */
  public long recordsHandled() {
    synchronized (handledLock) {
      return handled;
    }
  }

  /**
   * Waits until at least {@code n} records of the alerts topic are handled and their offsets
   * committed (invalid records count too).
   *
   * @return false if the timeout passed first
   * @throws IllegalStateException if the consumer stopped on an error meanwhile
   */
  public boolean awaitHandled(long n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (handledLock) {
      while (handled < n) {
        if (failure != null) {
          throw new IllegalStateException("alerts service stopped: " + failure, failure);
        }
        if (!running) {
          return false;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(handledLock, left);
      }
      return true;
    }
  }

  /** The Prometheus scrape URL, e.g. {@code http://127.0.0.1:9464/metrics}. */
  public String metricsAddress() {
    return metricsServer.metricsUrl();
  }

  /** The health URL, answering 200 "OK" while the consumer runs. */
  public String healthAddress() {
    return metricsServer.healthUrl();
  }

  /** The service's metrics (for printing them in the demo without HTTP). */
  public AlertMetrics metrics() {
    return metrics;
  }

  /** Outcomes and recovery rates (fed by the outcomes consumer when enabled). */
  public OutcomeMetrics outcomeMetrics() {
    return outcomeMetrics;
  }

  /**
   * A registry holding every metric a service exports, registered as the service registers them and
   * without data: for checking dashboards and rules against (see {@code deploy/}).
   */
  public static AlertMetrics exportedMetrics() {
    AlertMetrics m = new AlertMetrics();
    OutcomeMetrics o = new OutcomeMetrics(m.registry(), Duration.ofDays(30));
    new CallbackBook(m.registry(), o.timeToFirstContact());
    return m;
  }

  /** Callback tasks opened by the actions writer and results reported by agents. */
  public CallbackBook callbackBook() {
    return callbackBook;
  }

  /** Records read from the outcomes topic so far (0 when the consumer is disabled). */
  public long outcomesRead() {
    return outcomeConsumer == null ? 0 : outcomeConsumer.recordsRead();
  }

  /** True while the consumer runs; what {@code /-/healthy} reports. */
  public boolean isHealthy() {
    // pollThread is null while the constructor still runs; a probe may already arrive then.
    return running && failure == null && pollThread != null && pollThread.isAlive();
  }

  /** Why the consumer stopped, if it stopped on an error. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Blocks until the consumer stops (after {@link #close()} or on an error). */
  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops consuming: an in-flight batch gets a few seconds to finish and commit; after that it is
   * interrupted and will be consumed again on the next start.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    running = false;
    try {
      consumer.wakeup();
    } catch (RuntimeException alreadyClosed) {
      // The poll thread closed the consumer already (it halted or failed).
    }
    try {
      if (!stopped.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        pollThread.interrupt();
        if (!stopped.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("Alerts consumer did not stop within {}", SHUTDOWN_GRACE.multipliedBy(2));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (outcomeConsumer != null) {
      outcomeConsumer.close();
    }
    producer.close(Duration.ofSeconds(5));
    metricsServer.close();
    processor.routing().close();
    notificationLog.close();
    LOG.info("Alerts service stopped after {} alerts", tally.received());
  }

  /**
   * Stops consuming at once, as a crash would: the batch in progress is abandoned without a commit
   * (deliveries already made are in the notification log), then resources are released. For tests
   * of what a restart does.
   */
  void halt() throws InterruptedException {
    crash();
    stopped.await(30, TimeUnit.SECONDS);
    close();
  }

  /**
   * Makes the consumer stop before its next delivery or commit, without waiting: safe to call from
   * a thread the consumer is waiting on (a test's HTTP receiver).
   */
  void crash() {
    halted = true;
    try {
      consumer.wakeup();
    } catch (RuntimeException alreadyClosed) {
      // Already stopped.
    }
  }

  /**
   * Runs the service until SIGTERM: {@code AlertsService [config.properties]}, with {@code
   * LAPSEWATCH_*} environment variables overriding the file.
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 1) {
      System.err.println("usage: AlertsService [config.properties]");
      System.exit(2);
    }
    AlertsService service;
    try {
      AlertsServiceConfig config =
          AlertsServiceConfig.load(args.length == 1 ? Path.of(args[0]) : null, System.getenv());
      service = start(config);
    } catch (IllegalArgumentException | RoutingConfigException e) {
      // A user error: say what is wrong without a stack trace.
      System.err.println("alerts service: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    } catch (NoSuchFileException e) {
      System.err.println("alerts service: configuration file not found: " + e.getFile());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "lapsewatch-alerts-shutdown"));
    service.awaitTermination();
    if (service.failure().isPresent()) {
      // Non-zero so a supervisor restarts us; committed offsets make the restart lossless.
      System.exit(1);
    }
  }
}
