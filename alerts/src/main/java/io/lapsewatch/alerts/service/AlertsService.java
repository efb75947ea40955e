package io.lapsewatch.alerts.service;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.OutcomeMetrics;
import io.lapsewatch.alerts.notify.Notifier;
import io.lapsewatch.alerts.routing.RoutingConfigException;
import io.lapsewatch.alerts.routing.RoutingTable;
import io.lapsewatch.alerts.routing.RoutingWatcher;
import io.lapsewatch.retentiondesk.DeskMetrics;
import io.lapsewatch.retentiondesk.RetentionDesk;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts service: consumes retention alerts from Kafka, delivers each to every notifier,
 * dead-letters what cannot be read or delivered, and commits offsets only after a whole poll batch
 * is done, so a crash or restart never loses an alert (it may deliver one twice). With Redis set it
 * also runs the retention desk (a case per treated alert, its pages under {@code /desk/}) and
 * answers for it: a desk failure stops the service. This class starts and stops the parts ({@link
 * ServiceParts}) and answers for them; the consumer thread is {@link AlertConsumerLoop}, the HTTP
 * port {@link ServiceRoutes}.
 */
public final class AlertsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertsService.class);

  /** How long {@link #close()} lets an in-flight batch finish before interrupting it. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private final ServiceParts parts;
  private final java.util.concurrent.atomic.AtomicReference<Throwable> deskFailure =
      new java.util.concurrent.atomic.AtomicReference<>();
  private Thread deskWatch;
  private boolean closed;

  private AlertsService(
      AlertsServiceConfig config,
      RoutingTable routing,
      Optional<byte[]> routingContent,
      Clock deskClock)
      throws IOException {
    this.parts = new ServiceParts(config, routing, routingContent, this::isHealthy, deskClock);
  }

  /**
   * Starts a service: with {@code routing.file}, alerts go where its rules say (and the file is
   * reloaded when it changes); without, every alert goes to the console and webhook notifiers the
   * configuration describes.
   *
   * @throws RoutingConfigException when the routing file is wrong (the message says where)
   */
  public static AlertsService start(AlertsServiceConfig config) throws IOException {
    return start(config, Clock.systemUTC());
  }

  /**
   * Starts a service as {@link #start(AlertsServiceConfig)} does, its retention desk (cases,
   * expiry, pages, case links, desk metrics) living in {@code deskClock}'s time; delivery and
   * everything else keep the system clock. For replaying simulated history (the demo), where every
   * case would otherwise be long overdue and every link expired.
   */
  public static AlertsService start(AlertsServiceConfig config, Clock deskClock)
      throws IOException {
    if (config.routing().isEmpty()) {
      return start(config, checked(ConfiguredNotifiers.from(config)), deskClock);
    }
    RoutingWatcher.Loaded loaded =
        RoutingWatcher.loadInitial(
            config.routing().get().file(), ConfiguredNotifiers.routingLoader(config));
    return start(config, loaded.table(), Optional.of(loaded.content()), deskClock);
  }

  /**
   * Starts a service delivering every alert to each of {@code notifiers} (the configuration's
   * {@code console.*}, {@code webhook.*} and {@code routing.*} settings are then not used). The
   * service closes the notifiers.
   */
  public static AlertsService start(AlertsServiceConfig config, List<Notifier> notifiers)
      throws IOException {
    return start(config, checked(notifiers), Clock.systemUTC());
  }

  private static AlertsService start(
      AlertsServiceConfig config, RoutingTable routing, Clock deskClock) throws IOException {
    return start(config, routing, Optional.empty(), deskClock);
  }

  /** A broadcast table to {@code notifiers}, refused when there are none. */
  private static RoutingTable checked(List<Notifier> notifiers) {
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
    return RoutingTable.broadcast(notifiers);
  }

  private static AlertsService start(
      AlertsServiceConfig config,
      RoutingTable routing,
      Optional<byte[]> routingContent,
      Clock deskClock)
      throws IOException {
    AlertsService service = new AlertsService(config, routing, routingContent, deskClock);
    service.parts.loop.start();
    service.parts.outcomeConsumer.ifPresent(OutcomeConsumer::start);
    service.parts.desk.ifPresent(service::superviseDesk);
    LOG.info(
        "Alerts service consuming '{}' as group '{}'; routing: {}; notification log: {}; retention"
            + " desk: {}; metrics on {}",
        config.kafka().topic(),
        config.kafka().groupId(),
        routing.describe(),
        service.parts.notificationLog.describe(),
        service.parts.desk.isPresent() ? "on, pages under /desk/" : "off",
        service.metricsAddress());
    return service;
  }

  /**
   * Stops the service when a part of the desk stops on an error: {@link #failure()} then names it
   * and {@code main} exits non-zero, so a supervisor restarts us (the desk's transactions make the
   * restart lossless).
   */
  private void superviseDesk(RetentionDesk desk) {
    deskWatch =
        new Thread(
            () -> {
              try {
                Throwable why = desk.awaitFailure();
                deskFailure.compareAndSet(null, why);
                LOG.error("Retention desk stopped; stopping the alerts service", why);
                close();
              } catch (InterruptedException e) {
                // Closed normally.
              }
            },
            "lapsewatch-desk-watch");
    deskWatch.setDaemon(true);
    deskWatch.start();
  }

  /** Alerts read so far (valid ones, holdout included), since this process started. */
  public long alertsReceived() {
    return parts.tally.received();
  }

  /** Alerts read so far by {@code TIER/ACTION}, e.g. {@code HIGH_VALUE/AGENT_CALLBACK}. */
  public Map<String, Long> countsByTierAndAction() {
    return parts.tally.byTierAndAction();
  }

  /** Journey step alerts read so far by {@code PLAN/STEP} (holdout included), for the demo. */
  public Map<String, Long> countsByJourneyStep() {
    return parts.tally.byJourneyStep();
  }

  /**
   * One alert seen so far, a high-value one if any, to show what a message looks like; the instance
   * is shared, do not modify it.
   */
  public Optional<Alert> sampleAlert() {
    return parts.tally.sample();
  }

  /** Records fully handled (delivered, held out or dead-lettered) and committed. */
  public long recordsHandled() {
    return parts.loop.recordsHandled();
  }

  /**
   * Waits until at least {@code n} records of the alerts topic are handled and their offsets
   * committed (invalid records count too).
   *
   * @return false if the timeout passed first
   * @throws IllegalStateException if the consumer stopped on an error meanwhile
   */
  public boolean awaitHandled(long n, Duration timeout) throws InterruptedException {
    return parts.loop.awaitHandled(n, timeout);
  }

  /** The Prometheus scrape URL, e.g. {@code http://127.0.0.1:9464/metrics}. */
  public String metricsAddress() {
    return parts.metricsServer.metricsUrl();
  }

  /**
   * Base URL of the HTTP port, e.g. {@code http://127.0.0.1:9464} (the desk's pages are under it).
   */
  public String baseAddress() {
    return parts.metricsServer.baseUrl();
  }

  /** The retention desk this service runs, if its settings let it run. */
  public Optional<RetentionDesk> desk() {
    return parts.desk;
  }

  /** The health URL, answering 200 "OK" while the consumer (and the desk, if on) runs. */
  public String healthAddress() {
    return parts.metricsServer.healthUrl();
  }

  /** The service's metrics (for printing them in the demo without HTTP). */
  public AlertMetrics metrics() {
    return parts.metrics;
  }

  /** Outcomes and recovery rates (fed by the outcomes consumer when enabled). */
  public OutcomeMetrics outcomeMetrics() {
    return parts.outcomeMetrics;
  }

  /**
   * A registry holding every metric a service exports, registered as the service registers them and
   * without data: for checking dashboards and rules against (see {@code deploy/}).
   */
  public static AlertMetrics exportedMetrics() {
    AlertMetrics m = new AlertMetrics();
    OutcomeMetrics o = new OutcomeMetrics(m.registry(), Duration.ofDays(30));
    DeskMetrics.withoutCases(m.registry());
    return m;
  }

  /** Records read from the outcomes topic so far (0 when the consumer is disabled). */
  public long outcomesRead() {
    return parts.outcomeConsumer.map(OutcomeConsumer::recordsRead).orElse(0L);
  }

  /**
   * True while the consumer runs and the desk (if on) has not failed; what {@code /-/healthy}
   * reports.
   */
  public boolean isHealthy() {
    // parts is null while the constructor still runs; a probe may already arrive then.
    ServiceParts p = parts;
    return p != null && p.loop.isHealthy() && p.desk.map(d -> d.failure().isEmpty()).orElse(true);
  }

  /** Why the service stopped, if the consumer or the desk stopped on an error. */
  public Optional<Throwable> failure() {
    Optional<Throwable> loop = parts.loop.failure();
    return loop.isPresent() ? loop : Optional.ofNullable(deskFailure.get());
  }

  /** Blocks until the consumer stops (after {@link #close()} or on an error). */
  public void awaitTermination() throws InterruptedException {
    parts.loop.awaitTermination();
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
    if (deskWatch != null && Thread.currentThread() != deskWatch) {
      deskWatch.interrupt();
    }
    parts.loop.stop(SHUTDOWN_GRACE);
    parts.closeAfterLoop();
    LOG.info("Alerts service stopped after {} alerts", parts.tally.received());
  }

  /**
   * Makes the consumer stop before its next delivery or commit, without waiting: safe to call from
   * a thread the consumer is waiting on (a test's HTTP receiver).
   */
  void crash() {
    parts.loop.crash();
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
