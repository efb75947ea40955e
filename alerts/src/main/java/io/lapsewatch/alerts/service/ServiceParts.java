package io.lapsewatch.alerts.service;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alerts.actions.ActionNotifier;
import io.lapsewatch.alerts.delivery.NotificationLog;
import io.lapsewatch.alerts.metrics.AlertMetrics;
import io.lapsewatch.alerts.metrics.MetricsServer;
import io.lapsewatch.alerts.metrics.OutcomeMetrics;
import io.lapsewatch.alerts.notify.Sleeper;
import io.lapsewatch.alerts.routing.RoutingReloadMetrics;
import io.lapsewatch.alerts.routing.RoutingTable;
import io.lapsewatch.alerts.routing.RoutingWatcher;
import io.lapsewatch.alerts.routing.Target;
import io.lapsewatch.featurestore.events.DeadLetterFit;
import io.lapsewatch.retentiondesk.CaseLinkUrls;
import io.lapsewatch.retentiondesk.DeskMetrics;
import io.lapsewatch.retentiondesk.RetentionDesk;
import io.lapsewatch.retentiondesk.RetentionDeskConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The service's wiring: builds every part from its configuration, each from its own slice of it,
 * and releases what it opened when a part fails to start (a port taken, Redis unreachable).
 */
final class ServiceParts {
  final AlertMetrics metrics = new AlertMetrics();
  final AlertTally tally = new AlertTally();
  final OutcomeMetrics outcomeMetrics;
  final Optional<RetentionDesk> desk;
  final NotificationLog notificationLog;
  final KafkaProducer<byte[], byte[]> producer;
  final MetricsServer metricsServer;
  final AlertProcessor processor;
  final AlertConsumerLoop loop;
  final Optional<OutcomeConsumer> outcomeConsumer;

  /**
   * @param routingContent the routing file's content when {@code routing} came from it (then the
   *     file is watched for changes); empty for a fixed list of notifiers
   * @param healthy what {@code /-/healthy} reports
   * @param deskClock the retention desk's time (its cases, pages, case links and metrics); the
   *     system clock but in a replay of simulated history, where the desk must live in that time
   */
  ServiceParts(
      AlertsServiceConfig config,
      RoutingTable routing,
      Optional<byte[]> routingContent,
      BooleanSupplier healthy,
      Clock deskClock)
      throws IOException {
    AlertsServiceConfig.KafkaSettings kafka = config.kafka();
    // Checked before any client starts: a bad max.request.size fails here, naming the setting.
    int deadLetterLimit = DeadLetterFit.limitFor(kafka.clientProperties());
    Duration window = Duration.ofDays(config.outcomes().windowDays());
    this.outcomeMetrics = new OutcomeMetrics(metrics.registry(), window);
    // Escalations reach the branch lead's receiver once the log and routing exist (attach below).
    LeadEscalations leads = leadEscalations(config.desk(), deskClock);
    RetentionDesk newDesk = null;
    NotificationLog newLog = null;
    KafkaProducer<byte[], byte[]> newProducer = null;
    KafkaConsumer<byte[], byte[]> newConsumer = null;
    try {
      newDesk = startDesk(config.desk(), deskClock, leads);
      if (newDesk != null) {
        LeadEscalations.checkReceivers(newDesk.users(), routing);
      }
      newLog = NotificationLogs.open(config.notificationLog());
      newProducer = new KafkaProducer<>(KafkaClientProperties.producer(kafka));
      newConsumer =
          new KafkaConsumer<>(
              KafkaClientProperties.consumer(kafka, config.delivery().giveUpAfter()));
      this.metricsServer =
          ServiceRoutes.serve(
              config,
              metrics,
              healthy,
              ServiceRoutes.deskPages(Optional.ofNullable(newDesk), config.desk(), deskClock));
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
      if (newDesk != null) {
        newDesk.close();
      }
      routing.close();
      throw e;
    }
    this.desk = Optional.ofNullable(newDesk);
    this.notificationLog = newLog;
    this.producer = newProducer;
    DeadLetterSink deadLetters =
        new KafkaDeadLetterSink(producer, kafka.deadLetterTopic(), deadLetterLimit);
    LiveRouting live = new LiveRouting(actionTarget(config), watcher(config, routingContent));
    AtomicBoolean halted = new AtomicBoolean();
    // Every message of a treated alert links to its case when the desk runs.
    Function<Alert, Optional<URI>> caseLinks = caseLinks(config.desk(), desk, deskClock);
    this.processor =
        new AlertProcessor(
            live.withActions(routing),
            notificationLog,
            deadLetters,
            metrics,
            tally,
            Clock.systemUTC(),
            Sleeper.system(),
            config.notificationLog().lease().plusSeconds(5),
            halted::get,
            config.delivery().giveUpAfter(),
            caseLinks);
    desk.ifPresent(d -> leads.attach(d.users(), notificationLog, processor::routing));
    PolicyholderErasure erasure =
        new PolicyholderErasure(
            notificationLog,
            tally,
            metrics,
            config.actions().enabled() ? Optional.of(producer) : Optional.empty(),
            config.actions().topic());
    metrics.routingLoaded(Instant.now().getEpochSecond());
    this.loop = new AlertConsumerLoop(newConsumer, kafka.topic(), processor, erasure, live, halted);
    this.outcomeConsumer =
        config.outcomes().enabled()
            ? Optional.of(
                new OutcomeConsumer(kafka, config.outcomes().topic(), outcomeMetrics, deadLetters))
            : Optional.empty();
  }

  private Optional<Target> actionTarget(AlertsServiceConfig config) {
    if (!config.actions().enabled()) {
      return Optional.empty();
    }
    return Optional.of(
        new Target(
            ActionNotifier.TARGET,
            new ActionNotifier(producer, config.actions().topic(), Clock.systemUTC()),
            Optional.empty()));
  }

  /**
   * The signed case link of each treated alert for the messages, when the desk runs (its secret is
   * required then); no link otherwise.
   */
  private static Function<Alert, Optional<URI>> caseLinks(
      RetentionDeskConfig deskConfig, Optional<RetentionDesk> desk, Clock deskClock) {
    if (desk.isEmpty()) {
      return alert -> Optional.empty();
    }
    return new CaseLinkUrls(deskConfig.publicUrl(), deskConfig.caseLinks(deskClock).get())
        ::forAlert;
  }

  /**
   * Starts the retention desk when its settings let it run (Redis set, not switched off), its
   * metrics on the service's registry; else null.
   */
  private LeadEscalations leadEscalations(RetentionDeskConfig deskConfig, Clock deskClock) {
    return new LeadEscalations(
        metrics.registry(),
        deskConfig
            .caseLinks(deskClock)
            .map(links -> new CaseLinkUrls(deskConfig.publicUrl(), links)),
        deskConfig.timeZone());
  }

  private RetentionDesk startDesk(
      RetentionDeskConfig deskConfig, Clock deskClock, LeadEscalations leads) {
    if (!deskConfig.runnable()) {
      return null;
    }
    // The roles file's branches bound the metrics' branch label.
    return RetentionDesk.start(
        deskConfig,
        deskClock,
        () -> {},
        (store, users) ->
            new DeskMetrics(metrics.registry(), store, Set.copyOf(users.branches()), deskClock),
        leads);
  }

  private Optional<RoutingWatcher> watcher(
      AlertsServiceConfig config, Optional<byte[]> routingContent) {
    if (routingContent.isEmpty()) {
      return Optional.empty();
    }
    AlertsServiceConfig.RoutingSettings r = config.routing().orElseThrow();
    return Optional.of(
        new RoutingWatcher(
            r.file(),
            ConfiguredNotifiers.routingLoader(config),
            r.reloadInterval(),
            Clock.systemUTC(),
            new RoutingReloadMetrics(metrics, Clock.systemUTC()),
            routingContent.get()));
  }

  /** Closes everything but the consumer (the loop owns it), once the loop has stopped. */
  void closeAfterLoop() {
    outcomeConsumer.ifPresent(OutcomeConsumer::close);
    producer.close(Duration.ofSeconds(5));
    metricsServer.close();
    processor.routing().close();
    notificationLog.close();
    desk.ifPresent(RetentionDesk::close);
  }
}
