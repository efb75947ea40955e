package io.lapsewatch.retentiondesk;

import io.lapsewatch.featurestore.events.Ids;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.retentiondesk.team.DeskUsers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The retention desk: opens a case for every treated alert, keeps the cases' current state in Redis
 * as a projection of the case-event topic, records agents' results (also reported to {@code
 * policy-events}) and expires overdue cases. Any number of instances may run against the same
 * topics and Redis; each needs its own {@code desk.instance-id}.
 */
public final class RetentionDesk implements CaseDesk, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionDesk.class);

  /** The actor named on events the desk itself writes (opening, expiry, erasure). */
  public static final String SYSTEM_ACTOR = "lapsewatch-desk";

  private final RetentionDeskConfig config;
  private final Clock clock;
  private final UnifiedJedis redis;
  private final CaseStore store;
  private final CaseEventLog log;
  private final KafkaConsumer<byte[], byte[]> probe;
  private final List<TopicPartition> casePartitions;
  private final CaseProjection projection;
  private final AlertCaseOpener opener;
  private final DeskUsers users;
  private final java.util.function.Function<String, String> branchOf;
  private final DeskObserver observer;
  private final EscalationScan escalation;
  private final List<Thread> threads = new ArrayList<>();
  private final ScheduledExecutorService expiry;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final java.util.concurrent.CountDownLatch failed =
      new java.util.concurrent.CountDownLatch(1);

  private RetentionDesk(
      RetentionDeskConfig config,
      Clock clock,
      CaseEventLog.BeforeCommit hook,
      java.util.function.BiFunction<CaseStore, DeskUsers, DeskObserver> observer,
      EscalationNotice notice) {
    this.config = config;
    this.clock = clock;
    // Read before anything connects: a bad roles file stops the start with its error.
    this.users = config.rolesFile().map(DeskUsers::load).orElse(DeskUsers.none());
    this.branchOf = users.branchLookup(config.seniorPool());
    this.redis =
        RedisConnections.open(
            config
                .redis()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "the retention desk keeps its cases in Redis; set "
                                + RetentionDeskConfig.REDIS_URL)));
    this.store = new RedisCaseStore(redis, config.keyPrefix());
    // Long enough that a slow append finishes under its claim; short enough to retry soon.
    this.observer = observer.apply(store, users);
    this.log = CaseEventLog.open(config, hook);
    this.probe = consumer(null);
    List<PartitionInfo> infos =
        probe.partitionsFor(config.caseEventsTopic(), java.time.Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException(
          "topic " + config.caseEventsTopic() + " does not exist; create it first");
    }
    List<TopicPartition> tps = new ArrayList<>();
    for (PartitionInfo p : infos) {
      tps.add(new TopicPartition(config.caseEventsTopic(), p.partition()));
    }
    this.casePartitions = List.copyOf(tps);
    this.projection = new CaseProjection(consumer(null), store, config.caseEventsTopic());
    this.opener =
        new AlertCaseOpener(
            consumer(config.groupId()),
            log,
            store,
            new CaseOpening(config.seniorPool(), SYSTEM_ACTOR, branchOf),
            config.alertsTopic(),
            clock,
            this::awaitCaughtUp,
            this.observer);
    // A claim lasts long enough that a slow append finishes under it, short enough to retry soon.
    EscalationClaims claims =
        new EscalationClaims(
            redis,
            config.keyPrefix(),
            config.instanceId(),
            config.catchUpTimeout().multipliedBy(3).plus(config.expiryInterval()));
    this.escalation =
        new EscalationScan(
            store,
            log,
            claims,
            config.escalations(),
            config.escalations().seniorPoolAfter(),
            config.seniorPool(),
            branchOf,
            this.observer,
            notice,
            this::awaitApplied);
    this.expiry =
        Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "lapsewatch-desk-expiry-" + config.instanceId()));
  }

  /** Starts a desk with the system clock. */
  public static RetentionDesk start(RetentionDeskConfig config) {
    return start(config, Clock.systemUTC(), () -> {});
  }

  /**
   * Starts a desk.
   *
   * @param beforeCommit runs inside every transaction before its commit (tests crash there)
   */
  public static RetentionDesk start(
      RetentionDeskConfig config, Clock clock, CaseEventLog.BeforeCommit beforeCommit) {
    return start(config, clock, beforeCommit, (store, users) -> DeskObserver.NONE);
  }

  /**
   * Starts a desk whose openings and results are told to an observer (its metrics), built from the
   * desk's case store and users (the roles file's bounded branch set) before any case is opened.
   */
  public static RetentionDesk start(
      RetentionDeskConfig config,
      Clock clock,
      CaseEventLog.BeforeCommit beforeCommit,
      java.util.function.BiFunction<CaseStore, DeskUsers, DeskObserver> observer) {
    return start(config, clock, beforeCommit, observer, EscalationNotice.NONE);
  }

  /**
   * Starts a desk as above that also tells {@code notice} of each escalation step it commits (the
   * host sends the branch lead a message).
   */
  public static RetentionDesk start(
      RetentionDeskConfig config,
      Clock clock,
      CaseEventLog.BeforeCommit beforeCommit,
      java.util.function.BiFunction<CaseStore, DeskUsers, DeskObserver> observer,
      EscalationNotice notice) {
    RetentionDesk desk = new RetentionDesk(config, clock, beforeCommit, observer, notice);
    desk.run("projection", desk.projection);
    desk.run("opener", desk.opener);
    long every = config.expiryInterval().toMillis();
    desk.expiry.scheduleWithFixedDelay(desk::expireSafely, every, every, TimeUnit.MILLISECONDS);
    LOG.info("retention desk started: {}", config);
    return desk;
  }

  /**
   * Starts the desk next to the alerts service when its settings (the service's properties file and
   * {@code LAPSEWATCH_*} variables) enable it and name a Redis; else says why not and returns
   * empty.
   *
   * @throws IllegalArgumentException naming a bad setting
   */
  public static Optional<RetentionDesk> startIfConfigured(
      java.nio.file.Path propertiesFile, Map<String, String> env) throws java.io.IOException {
    RetentionDeskConfig config = RetentionDeskConfig.load(propertiesFile, env);
    if (!config.enabled()) {
      LOG.info("retention desk: off ({}=false)", RetentionDeskConfig.ENABLED);
      return Optional.empty();
    }
    if (!config.runnable()) {
      LOG.info(
          "retention desk: off, because {} is not set (cases live in Redis)",
          RetentionDeskConfig.REDIS_URL);
      return Optional.empty();
    }
    return Optional.of(start(config));
  }

  private KafkaConsumer<byte[], byte[]> consumer(String groupId) {
    Properties p = new Properties();
    p.putAll(config.kafkaClientProperties());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (groupId != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private void run(String name, Runnable task) {
    Thread t =
        new Thread(
            () -> {
              try {
                task.run();
              } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                LOG.error("retention desk: the {} stopped", name, e);
                failed.countDown();
              }
            },
            "lapsewatch-desk-" + name + "-" + config.instanceId());
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  /** Why a part of the desk stopped, if one did (a supervisor should restart the process). */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /**
   * Blocks until a part of the desk stops with an error, and returns it: the process running the
   * desk should then exit non-zero so its supervisor restarts it (the transactions make the restart
   * lossless).
   */
  public Throwable awaitFailure() throws InterruptedException {
    failed.await();
    return failure.get();
  }

  /** How far ahead of the desk's clock a reported contact time may be (phones' clocks drift). */
  static final java.time.Duration CONTACT_CLOCK_SKEW = java.time.Duration.ofMinutes(5);

  /** The case as the projection has it. */
  @Override
  public Optional<RetentionCase> find(String caseId) {
    return store.get(caseId);
  }

  /** The users and branches of the roles file ({@link DeskUsers#none()} without one). */
  public DeskUsers users() {
    return users;
  }

  /** The projection the pages read. */
  public CaseStore cases() {
    return store;
  }

  /**
   * Records an agent's result on a case: appends the RESULT_RECORDED event and, in the same
   * transaction, its {@code policy-events} event ({@link ResultPolicyEvents}). The event id derives
   * from {@code requestId}, so retrying a request (after a timeout, a crash, a double tap) records
   * it once: a repeat returns the earlier event with {@code repeated} set and writes nothing.
   *
   * @param nextAttemptAt a planned next attempt (keeps an unreachable case open), or null
   * @param note optional free text, at most {@value CaseEventJson#MAX_NOTE} characters
   * @param contactedAt when the agent actually made the contact (agents often log a call after
   *     making it), or null for now; becomes the event's time. Not before the case opened, not more
   *     than 5 minutes ahead of the desk's clock.
   * @throws CaseTransitionException when the case does not exist or cannot take this result
   * @throws IllegalArgumentException naming a malformed id, note or contact time
   * @throws TimeoutException when the projection did not reach the topic's end in time (nothing was
   *     written; retry)
   */
  @Override
  public RecordedResult recordResult(
      String caseId,
      ResultKind resultKind,
      String actor,
      String note,
      Instant nextAttemptAt,
      Instant contactedAt,
      String requestId)
      throws CaseTransitionException, TimeoutException, InterruptedException {
    requireId("caseId", caseId);
    requireId("actor", actor);
    requireId("requestId", requestId);
    if (resultKind == null) {
      throw new IllegalArgumentException("resultKind is required: one of REACHED, ACCEPTED, ...");
    }
    // Read our own and other instances' writes before deciding: a retried request must find the
    // event its first try committed.
    awaitCaughtUp();
    RetentionCase current = existing(caseId);
    String eventId = CaseIds.resultEvent(caseId, requestId);
    if (current.hasApplied(eventId)) {
      CaseHistoryEntry h =
          current.history().stream().filter(x -> x.eventId().equals(eventId)).findFirst().get();
      CaseEvent earlier =
          CaseEvent.resultRecorded(eventId, caseId, h.actor(), h.at(), h.result(), h.note(), null);
      return new RecordedResult(earlier, current, Optional.empty(), true);
    }
    CaseEvent event =
        CaseEvent.resultRecorded(
            eventId,
            caseId,
            actor,
            contactTime(current, contactedAt),
            resultKind,
            checkedNote(note),
            nextAttemptAt);
    // Validates against the rules before anything is written.
    RetentionCase next = CaseFile.apply(current, event);
    Optional<PolicyEvent> policyEvent = ResultPolicyEvents.of(current, event);
    log.append(List.of(event), policyEvent.map(List::of).orElse(List.of()));
    awaitApplied(caseId, eventId);
    RecordedResult recorded = new RecordedResult(event, next, policyEvent, false);
    observer.resultRecorded(current, recorded);
    return recorded;
  }

  /**
   * Moves a case to {@code owner} (an agent or the senior pool) and into the owner's branch (from
   * the roles file; none when the owner is not in it); idempotent by {@code requestId}.
   *
   * @return the case after the change
   */
  public RetentionCase reassign(String caseId, String owner, String actor, String requestId)
      throws CaseTransitionException, TimeoutException, InterruptedException {
    requireId("caseId", caseId);
    requireId("owner", owner);
    requireId("actor", actor);
    requireId("requestId", requestId);
    awaitCaughtUp();
    RetentionCase current = existing(caseId);
    CaseEvent event =
        CaseEvent.reassigned(
            CaseIds.reassignedEvent(caseId, requestId),
            caseId,
            actor,
            clock.instant(),
            owner,
            branchOf.apply(owner));
    RetentionCase next = CaseFile.apply(current, event);
    if (next != current) {
      log.append(List.of(event), List.of());
      awaitApplied(caseId, event.eventId());
    }
    return next;
  }

  /**
   * Expires every unfinished case whose deadline plus the grace period is before {@code now}.
   *
   * @return how many were expired
   */
  public int expireOverdue(Instant now) {
    long before = now.minus(config.gracePeriod()).toEpochMilli();
    List<CaseEvent> events = new ArrayList<>();
    for (String caseId : store.openCasesDueBefore(before)) {
      Optional<RetentionCase> c = store.get(caseId);
      if (c.isPresent() && !c.get().isFinished()) {
        events.add(
            CaseEvent.bare(
                CaseIds.expiredEvent(caseId), caseId, CaseEventKind.EXPIRED, SYSTEM_ACTOR, now));
      }
    }
    if (!events.isEmpty()) {
      log.append(events, List.of());
      LOG.info("retention desk: expired {} overdue case(s)", events.size());
    }
    return events.size();
  }

  private void expireSafely() {
    Instant now = clock.instant();
    try {
      expireOverdue(now);
    } catch (RuntimeException e) {
      // The next run tries again; an expiry is idempotent by its event id.
      LOG.warn("retention desk: expiring overdue cases failed; retrying next time", e);
    }
    try {
      escalateDue(now);
    } catch (RuntimeException e) {
      // The next run tries again; an escalation step is idempotent by its event id.
      LOG.warn("retention desk: escalating cases failed; retrying next time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Appends the escalation step each unfinished, uncontacted case is due for at {@code now} ({@link
   * Escalations}): level 1 leaves the owner (the lead is told), level 2 moves the case to the
   * senior pool and its branch. Each step's event id derives from the case and level, and an
   * instance writes only the steps it claimed in Redis, so two instances or a restart write each
   * step effectively once. Once a step is applied, the observer (metrics) and the {@link
   * EscalationNotice} are told; a notice not handled is offered again on later calls ({@link
   * EscalationScan}).
   *
   * @return how many steps this call committed and saw applied
   */
  public int escalateDue(Instant now) throws InterruptedException {
    return escalation.run(now);
  }

  private RetentionCase existing(String caseId) throws CaseTransitionException {
    return store
        .get(caseId)
        .orElseThrow(
            () ->
                new CaseTransitionException(
                    CaseTransitionException.NO_CASE, "no retention case " + caseId));
  }

  /** Waits until the projection has applied every committed case event. */
  public void awaitCaughtUp() throws TimeoutException, InterruptedException {
    Map<TopicPartition, Long> ends;
    synchronized (probe) {
      ends = probe.endOffsets(casePartitions);
    }
    long deadline = System.nanoTime() + config.catchUpTimeout().toNanos();
    while (true) {
      Map<Integer, Long> progress = store.progress();
      boolean caughtUp =
          ends.entrySet().stream()
              .allMatch(e -> progress.getOrDefault(e.getKey().partition(), 0L) >= e.getValue());
      if (caughtUp) {
        return;
      }
      if (failure.get() != null) {
        throw new IllegalStateException("the case projection stopped", failure.get());
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "the case projection did not reach the end of "
                + config.caseEventsTopic()
                + " within "
                + config.catchUpTimeout()
                + " (at "
                + progress
                + ", end "
                + ends
                + ")");
      }
      Thread.sleep(10);
    }
  }

  /**
   * Waits until the projection shows event {@code eventId} on {@code caseId}, so the page the agent
   * sees next shows the change. Not the topic's end offsets: right after a commit the transaction
   * markers may not be written yet, and the end would still be the old one.
   */
  private boolean awaitApplied(String caseId, String eventId) throws InterruptedException {
    long deadline = System.nanoTime() + config.catchUpTimeout().toNanos();
    while (System.nanoTime() < deadline && failure.get() == null) {
      Optional<RetentionCase> c = store.get(caseId);
      if (c.isPresent() && c.get().hasApplied(eventId)) {
        return true;
      }
      Thread.sleep(10);
    }
    // The change is committed; the page shows it once the projection gets there.
    LOG.warn(
        "retention desk: event {} on case {} is committed but not yet shown after {}",
        eventId,
        caseId,
        config.catchUpTimeout());
    return false;
  }

  private static void requireId(String field, String id) {
    try {
      Ids.require(field, id);
    } catch (InvalidRecordException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private Instant contactTime(RetentionCase c, Instant contactedAt) {
    Instant now = clock.instant();
    if (contactedAt == null) {
      return now;
    }
    if (contactedAt.isBefore(c.openedAt())) {
      throw new IllegalArgumentException(
          "contactedAt "
              + contactedAt
              + " is before case "
              + c.caseId()
              + " opened ("
              + c.openedAt()
              + ")");
    }
    if (contactedAt.isAfter(now.plus(CONTACT_CLOCK_SKEW))) {
      throw new IllegalArgumentException(
          "contactedAt " + contactedAt + " is in the future (now " + now + ")");
    }
    // The contract keeps instants at millisecond precision.
    return contactedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  private static String checkedNote(String note) {
    if (note == null || note.isBlank()) {
      return null;
    }
    if (note.length() > CaseEventJson.MAX_NOTE) {
      throw new IllegalArgumentException(
          "note is " + note.length() + " characters, limit " + CaseEventJson.MAX_NOTE);
    }
    return note;
  }

  @Override
  public void close() {
    projection.stop();
    opener.stop();
    expiry.shutdownNow();
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    synchronized (probe) {
      probe.close();
    }
    log.close();
    redis.close();
  }
}
