package io.lapsewatch.alerts.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: polls the alerts topic, hands each batch to the processor (erasures in
 * record order), and commits only once the whole batch is delivered or dead-lettered. Owns and
 * closes the consumer.
 */
final class AlertConsumerLoop {
  private static final Logger LOG = LoggerFactory.getLogger(AlertConsumerLoop.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final AlertProcessor processor;
  private final PolicyholderErasure erasure;
  private final LiveRouting routing;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object handledLock = new Object();

  private final AtomicBoolean halted;

  private volatile boolean running = true;
  private volatile Throwable failure;
  private long handled;

  AlertConsumerLoop(
      KafkaConsumer<byte[], byte[]> consumer,
      String topic,
      AlertProcessor processor,
      PolicyholderErasure erasure,
      LiveRouting routing,
      AtomicBoolean halted) {
    this.halted = halted;
    this.consumer = consumer;
    this.topic = topic;
    this.processor = processor;
    this.erasure = erasure;
    this.routing = routing;
    this.thread = new Thread(this::run, "lapsewatch-alerts-consumer");
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic));
      while (running && !halted.get()) {
        routing.reloadInto(processor);
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
    if (halted.get()) {
      throw new AlertProcessor.Halted();
    }
    try {
      consumer.commitSync();
    } catch (WakeupException e) {
      // close() arrived while the batch was being delivered: finish the commit, then stop.
      consumer.commitSync();
    }
  }

  /** Records fully handled (delivered, held out or dead-lettered) and committed. */
  long recordsHandled() {
    synchronized (handledLock) {
      return handled;
    }
  }

  /** See {@link AlertsService#awaitHandled}. */
  boolean awaitHandled(long n, Duration timeout) throws InterruptedException {
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

  boolean isHealthy() {
    return running && failure == null && thread.isAlive();
  }

  Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops polling: an in-flight batch gets {@code grace} to finish and commit; after that it is
   * interrupted, and given {@code grace} once more to stop.
   */
  void stop(Duration grace) {
    running = false;
    wakeUp();
    try {
      if (!stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        thread.interrupt();
        if (!stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("Alerts consumer did not stop within {}", grace.multipliedBy(2));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Makes the consumer stop before its next delivery or commit, without waiting: safe to call from
   * a thread the consumer is waiting on (a test's HTTP receiver).
   */
  void crash() {
    halted.set(true);
    wakeUp();
  }

  private void wakeUp() {
    try {
      consumer.wakeup();
    } catch (RuntimeException alreadyClosed) {
      // The poll thread closed the consumer already (it halted or failed).
    }
  }
}
