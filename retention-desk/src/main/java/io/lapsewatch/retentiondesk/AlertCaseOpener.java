package io.lapsewatch.retentiondesk;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.featurestore.events.Ids;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a case for every treated alert on the alerts topic and erases the cases of a policyholder
 * whose erasure tombstone arrives there. A poll batch's case events and the batch's consumer
 * offsets commit in one Kafka transaction, so an alert opens its case exactly once even across a
 * crash; a replayed alert (the job re-sending it) yields the same event id, which {@link CaseFile}
 * applies once, and is not even written when the store already has the case.
 *
 * <p>Records that are not alerts are skipped with a warning: the alerts service reading the same
 * topic dead-letters them with the reason.
 */
final class AlertCaseOpener implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertCaseOpener.class);

  private final Consumer<byte[], byte[]> consumer;
  private final CaseEventLog log;
  private final CaseStore store;
  private final CaseOpening opening;
  private final String topic;
  private final String actor;
  private final Clock clock;
  private final CatchUp catchUp;
  private final DeskObserver observer;
  private volatile boolean running = true;

  /** Waits until the projection shows every committed case event. */
  interface CatchUp {
    void await() throws Exception;
  }

  AlertCaseOpener(
      Consumer<byte[], byte[]> consumer,
      CaseEventLog log,
      CaseStore store,
      CaseOpening opening,
      String topic,
      Clock clock,
      CatchUp catchUp,
      DeskObserver observer) {
    this.consumer = consumer;
    this.log = log;
    this.store = store;
    this.opening = opening;
    this.topic = topic;
    this.actor = opening.actor();
    this.clock = clock;
    this.catchUp = catchUp;
    this.observer = observer;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic));
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          continue;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        List<CaseEvent> events = new ArrayList<>();
        Batch batch = new Batch();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          events.addAll(handle(r, batch));
          offsets.put(
              new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        log.append(events, List.of(), offsets, consumer.groupMetadata());
        observer.casesOpened(
            (int) events.stream().filter(e -> e.kind() == CaseEventKind.OPENED).count());
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      consumer.close();
    }
  }

  /** Cases opened earlier in the same batch, which the store does not show yet. */
  private static final class Batch {
    final Map<String, Set<String>> casesByHolder = new LinkedHashMap<>();
    final Set<String> opened = new HashSet<>();
  }

  private List<CaseEvent> handle(ConsumerRecord<byte[], byte[]> r, Batch batch) {
    if (r.value() == null) {
      return erase(r, batch);
    }
    Alert alert;
    try {
      alert = AlertJson.read(r.value());
    } catch (InvalidRecordException e) {
      LOG.warn(
          "case opener: {}-{}@{} is not an alert ({}), no case opened: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.reasonCode(),
          e.getMessage());
      return List.of();
    }
    Optional<CaseEvent> open = opening.openFor(alert);
    if (open.isEmpty()) {
      return List.of();
    }
    CaseEvent e = open.get();
    if (!batch.opened.add(e.caseId()) || store.get(e.caseId()).isPresent()) {
      return List.of();
    }
    batch.casesByHolder.computeIfAbsent(alert.policyholderId, k -> new HashSet<>()).add(e.caseId());
    return List.of(e);
  }

  private List<CaseEvent> erase(ConsumerRecord<byte[], byte[]> r, Batch batch) {
    String holder = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    if (!Ids.isValid(holder)) {
      LOG.warn(
          "case opener: {}-{}@{} is a tombstone without a policyholder id key; nothing erased",
          r.topic(),
          r.partition(),
          r.offset());
      return List.of();
    }
    try {
      // The policyholder's cases are found in the store: it must show every case opened so far.
      catchUp.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted before erasing a policyholder's cases", e);
    } catch (Exception e) {
      // Fail rather than erase only some cases: the batch is not committed and comes back.
      throw new IllegalStateException("the case projection is behind; cannot erase yet", e);
    }
    Set<String> cases = new HashSet<>(store.casesOfPolicyholder(holder));
    cases.addAll(batch.casesByHolder.getOrDefault(holder, Set.of()));
    List<CaseEvent> out = new ArrayList<>();
    for (String caseId : cases) {
      out.add(
          CaseEvent.bare(
              CaseIds.erasedEvent(caseId), caseId, CaseEventKind.ERASED, actor, clock.instant()));
    }
    LOG.info(
        "case opener: erasure of policyholder {} erases {} case(s)",
        RetentionCase.mask(holder),
        out.size());
    return out;
  }

  void stop() {
    running = false;
    consumer.wakeup();
  }
}
