package io.lapsewatch.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The servers LapseWatch runs against on one machine, started together: an in-process Kafka broker,
 * a real {@code redis-server}, a local HTTP receiver for chat webhooks and an in-process SMTP
 * server, each only if asked for and all on 127.0.0.1. The demo, parity, the fault suite, the
 * benchmarks and the job ITCases all start their servers here.
 *
 * <p>Closing stops the parts in reverse start order. A JVM shutdown hook does the same, so SIGTERM
 * or Ctrl-C leaves no {@code redis-server} behind.
 */
public final class LocalStack implements AutoCloseable {
  private final EmbeddedKafka kafka;
  private final EmbeddedRedis redis;
  private final WebhookReceiver receiver;
  private final GreenMail smtp;
  private final Deque<AutoCloseable> started;
  private final Thread shutdownHook;
  private boolean closed;

  private LocalStack(
      EmbeddedKafka kafka,
      EmbeddedRedis redis,
      WebhookReceiver receiver,
      GreenMail smtp,
      Deque<AutoCloseable> started) {
    this.kafka = kafka;
    this.redis = redis;
    this.receiver = receiver;
    this.smtp = smtp;
    this.started = started;
    this.shutdownHook = new Thread(this::closeQuietly, "lapsewatch-local-stack");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Chooses the parts to start; none is started by default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The Kafka broker, e.g. to stop and restart it. */
  public EmbeddedKafka kafka() {
    return require(kafka, "Kafka", "withKafka()");
  }

  /** Where Kafka clients connect: {@code 127.0.0.1:port}. */
  public String bootstrapServers() {
    return kafka().bootstrapServers();
  }

  /** The redis-server, e.g. to kill and restart it. */
  public EmbeddedRedis redis() {
    return require(redis, "redis-server", "withRedis()");
  }

  /** The redis-server's URL, {@code redis://127.0.0.1:port}. */
  public String redisUrl() {
    return redis().url();
  }

  /** The redis-server's host, always 127.0.0.1. */
  public String redisHost() {
    require(redis, "redis-server", "withRedis()");
    return EmbeddedKafka.LOOPBACK;
  }

  /** The redis-server's port. */
  public int redisPort() {
    return redis().port();
  }

  /** The HTTP receiver that records chat webhook requests. */
  public WebhookReceiver receiver() {
    return require(receiver, "webhook receiver", "withWebhookReceiver()");
  }

  /** The SMTP server, holding every message it received. */
  public GreenMail smtp() {
    return require(smtp, "SMTP server", "withSmtp()");
  }

  /** The SMTP server's port on 127.0.0.1. */
  public int smtpPort() {
    return smtp().getSmtp().getPort();
  }

  /**
   * Closes {@code user} before the stack's own parts, on {@link #close()} and on SIGTERM: e.g. a
   * service consuming from the broker, which would otherwise retry against a stopped one.
   */
  public synchronized void closeFirst(AutoCloseable user) {
    if (closed) {
      throw new IllegalStateException("this local stack is already closed");
    }
    started.push(user);
  }

  /** Stops every part, last started first; a failure stopping one does not skip the others. */
  @Override
  public void close() throws Exception {
    if (!markClosed()) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or about to; closing twice is harmless.
    }
    closeAll(started);
  }

  private synchronized boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  private void closeQuietly() {
    if (markClosed()) {
      try {
        closeAll(started);
      } catch (Exception e) {
        // Nowhere to report it: the JVM is exiting. Each part was still given its chance to stop.
      }
    }
  }

  private static void closeAll(Deque<AutoCloseable> parts) throws Exception {
    Exception first = null;
    while (!parts.isEmpty()) {
      try {
        parts.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static <T> T require(T part, String name, String builderCall) {
    if (part == null) {
      throw new IllegalStateException(
          "this local stack has no "
              + name
              + "; start it with LocalStack.builder()."
              + builderCall);
    }
    return part;
  }

  /** Which parts to start and how; {@link #start()} starts them in a fixed order. */
  public static final class Builder {
    private boolean kafka;
    private int kafkaPort;
    private final List<String[]> topics = new ArrayList<>();
    private final List<Integer> topicPartitions = new ArrayList<>();
    private boolean redis;
    private int redisPort;
    private List<String> redisArgs = List.of();
    private boolean receiver;
    private boolean smtp;

    private Builder() {}

    /** An in-process Kafka broker on a free loopback port. */
    public Builder withKafka() {
      return withKafka(0);
    }

    /** An in-process Kafka broker on {@code 127.0.0.1:port} (0: a free port). */
    public Builder withKafka(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Kafka port must be in 0..65535, was " + port);
      }
      this.kafka = true;
      this.kafkaPort = port;
      return this;
    }

    /** Topics to create once the broker is up (needs {@link #withKafka()}). */
    public Builder withTopics(int partitions, String... names) {
      if (partitions < 1) {
        throw new IllegalArgumentException(
            "topic partitions must be at least 1, was " + partitions);
      }
      topics.add(names.clone());
      topicPartitions.add(partitions);
      return this;
    }

    /** A standalone redis-server on a free loopback port. */
    public Builder withRedis() {
      return withRedis(0, List.of());
    }

    /** A redis-server on a free port with extra arguments, e.g. an append-only file. */
    public Builder withRedis(List<String> extraArgs) {
      return withRedis(0, extraArgs);
    }

    /** A redis-server on {@code port} (0: a free port) with extra arguments. */
    public Builder withRedis(int port, List<String> extraArgs) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Redis port must be in 0..65535, was " + port);
      }
      this.redis = true;
      this.redisPort = port;
      this.redisArgs = List.copyOf(extraArgs);
      return this;
    }

    /** A local HTTP receiver for chat webhooks, answering 200 until scripted otherwise. */
    public Builder withWebhookReceiver() {
      this.receiver = true;
      return this;
    }

    /** An in-process SMTP server on a free loopback port. */
    public Builder withSmtp() {
      this.smtp = true;
      return this;
    }

    /**
     * Starts Kafka, Redis, the receiver and SMTP (those asked for), in that order. If one fails,
     * those already started are stopped before the failure is thrown.
     */
    public LocalStack start() throws Exception {
      if (!topics.isEmpty() && !kafka) {
        throw new IllegalStateException(
            "topics " + String.join(", ", topics.get(0)) + " asked for without withKafka()");
      }
      Deque<AutoCloseable> started = new ArrayDeque<>();
      try {
        EmbeddedKafka k = null;
        if (kafka) {
          k = EmbeddedKafka.start(kafkaPort);
          started.push(k);
          for (int i = 0; i < topics.size(); i++) {
            k.createTopics(topicPartitions.get(i), topics.get(i));
          }
        }
        EmbeddedRedis r = null;
        if (redis) {
          r = EmbeddedRedis.start(redisPort == 0 ? EmbeddedRedis.freePort() : redisPort, redisArgs);
          started.push(r);
        }
        WebhookReceiver w = null;
        if (receiver) {
          w = WebhookReceiver.start();
          started.push(w);
        }
        GreenMail g = null;
        if (smtp) {
          g = new GreenMail(new ServerSetup(0, EmbeddedKafka.LOOPBACK, ServerSetup.PROTOCOL_SMTP));
          g.start();
          GreenMail mail = g;
          started.push(mail::stop);
        }
        return new LocalStack(k, r, w, g, started);
      } catch (Exception | Error e) {
        try {
          closeAll(started);
        } catch (Exception stopping) {
          e.addSuppressed(stopping);
        }
        throw e;
      }
    }
  }
}
