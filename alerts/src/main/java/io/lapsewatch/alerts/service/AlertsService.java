package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.contract.Alert;
import io.lapsewatch.alerts.contract.RetentionAction;
import io.lapsewatch.alerts.contract.Tier;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.MetricsServer;
import io.lapsewatch.alerts.notify.ConsoleNotifier;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.notify.WebhookNotifier;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private final List<Notifier> notifiers;
  private final AlertMetrics metrics = new AlertMetrics();
  private final AlertTally tally = new AlertTally();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AlertProcessor processor;
  private final MetricsServer metricsServer;
  private final Thread pollThread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object handledLock = new Object();

  private volatile boolean running = true;
  private volatile Throwable failure;
  private long handled;
  private boolean closed;

  private AlertsService(AlertsServiceConfig config, List<Notifier> notifiers) throws IOException {
    this.kafka = config.kafka();
    this.notifiers = List.copyOf(notifiers);
    KafkaProducer<byte[], byte[]> newProducer = null;
    KafkaConsumer<byte[], byte[]> newConsumer = null;
    try {
      newProducer = new KafkaProducer<>(producerProperties(kafka));
      newConsumer = new KafkaConsumer<>(consumerProperties(kafka));
      this.metricsServer =
          MetricsServer.start(
              metrics.registry(),
              config.metrics().host(),
              config.metrics().port(),
              this::isHealthy);
    } catch (IOException | RuntimeException e) {
      // Nothing may leak when, say, the metrics port is taken.
      if (newConsumer != null) {
        newConsumer.close(Duration.ZERO);
      }
      if (newProducer != null) {
        newProducer.close(Duration.ZERO);
      }
      throw e;
    }
    this.producer = newProducer;
    this.consumer = newConsumer;
    this.processor =
        new AlertProcessor(
            this.notifiers,
            new KafkaDeadLetterSink(producer, kafka.deadLetterTopic()),
            metrics,
            tally);
    this.pollThread = new Thread(this::pollLoop, "lapsewatch-alerts-consumer");
  }

  /** Starts a service delivering to the notifiers the configuration describes. */
  public static AlertsService start(AlertsServiceConfig config) throws IOException {
    return start(config, notifiersFrom(config));
  }

  /**
   * Starts a service delivering to {@code notifiers} (the configuration's {@code console.*} and
   * {@code webhook.*} settings are then not used). The service closes the notifiers.
   */
  public static AlertsService start(AlertsServiceConfig config, List<Notifier> notifiers)
      throws IOException {
    if (notifiers.isEmpty()) {
      throw new IllegalArgumentException(
          "no notifier configured: set "
              + AlertsServiceConfig.WEBHOOK_URL
              + " or "
              + AlertsServiceConfig.CONSOLE_ENABLED
              + "=true");
    }
    Set<String> channels = new HashSet<>();
    for (Notifier n : notifiers) {
      if (!channels.add(n.channel())) {
        // Metrics and dead-letter headers are per channel; two notifiers cannot share one.
        throw new IllegalArgumentException("two notifiers share the channel '" + n.channel() + "'");
      }
    }
    AlertsService service = new AlertsService(config, notifiers);
    service.pollThread.start();
    LOG.info(
        "Alerts service consuming '{}' as group '{}', channels {}, metrics on {}",
        config.kafka().topic(),
        config.kafka().groupId(),
        channels,
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

  private static Properties consumerProperties(AlertsServiceConfig.KafkaSettings k) {
    Properties p = new Properties();
    p.putAll(k.clientProperties());
    // Set after the pass-through properties: these are what the delivery guarantee rests on.
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, k.groupId());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, k.groupId() + "-consumer");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(k.maxPollRecords()));
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
      while (running) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
          continue; // close() woke us; the loop condition decides
        }
        if (records.isEmpty()) {
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
          processor.process(record);
        }
        commit();
        synchronized (handledLock) {
          handled += records.count();
          handledLock.notifyAll();
        }
      }
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
    consumer.wakeup();
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
    producer.close(Duration.ofSeconds(5));
    metricsServer.close();
    for (Notifier n : notifiers) {
      try {
        n.close();
      } catch (Exception e) {
        LOG.warn("Closing notifier {} failed: {}", n.channel(), e.toString());
      }
    }
    LOG.info("Alerts service stopped after {} alerts", tally.received());
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
    } catch (IllegalArgumentException e) {
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
