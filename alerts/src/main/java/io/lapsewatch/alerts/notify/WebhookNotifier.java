package io.lapsewatch.alerts.notify;

import io.lapsewatch.alerts.contract.Alert;
import io.lapsewatch.alerts.contract.AlertJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each alert as contract-v1 JSON to a generic webhook, retrying transient failures with
 * exponential backoff and jitter.
 */
public final class WebhookNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  /** The default channel name in metrics and dead-letter headers. */
  public static final String CHANNEL = "webhook";

  /** Pauses between attempts; tests replace it to check delays without waiting. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final String channel;
  private final URI url;
  private final String endpoint;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final HttpClient client;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final Clock clock;

  private WebhookNotifier(Builder b) {
    this.channel = b.channel;
    this.url = b.url;
    this.endpoint = redact(b.url);
    this.requestTimeout = b.requestTimeout;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.sleeper = b.sleeper;
    this.jitter = b.jitter;
    this.clock = b.clock;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            // A redirect usually means a wrong URL; following it could post alerts elsewhere.
            .followRedirects(HttpClient.Redirect.NEVER)
            // Webhooks speak HTTP/1.1; the h2c upgrade dance costs a delayed-ACK round trip.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** Starts configuring a notifier for {@code url} (http or https). */
  public static Builder builder(URI url) {
    return new Builder(url);
  }

  @Override
  public String channel() {
    return channel;
  }

  /** Scheme, host and port of the webhook: safe to log, unlike the full URL. */
  public String endpoint() {
    return endpoint;
  }

  @Override
  public DeliveryReceipt deliver(Alert alert) throws DeliveryException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "lapsewatch-alerts")
            // Retries and replays carry the same key, so a receiver can drop duplicates.
            .header("Idempotency-Key", alert.alertId)
            .POST(HttpRequest.BodyPublishers.ofString(AlertJson.toJson(alert)))
            .build();
    String lastFailure = "no attempt made";
    Throwable lastCause = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return new DeliveryReceipt(attempt);
        }
        lastFailure = "webhook " + endpoint + " answered HTTP " + status;
        lastCause = null;
        if (status == 429) {
          retryAfter = response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter);
        } else if (status < 500) {
          throw new DeliveryException(
              channel,
              lastFailure + ": a client error that retrying cannot fix; check webhook.url",
              attempt,
              true,
              null);
        }
      } catch (IOException e) {
        lastFailure = "webhook " + endpoint + " failed: " + describe(e);
        lastCause = e;
      }
      if (attempt == maxAttempts) {
        break;
      }
      Duration delay = retryAfter.isPresent() ? retryAfter.get() : backoff(attempt);
      if (delay.compareTo(maxBackoff) > 0) {
        // Waiting longer would stall the consumer for every other alert; dead-letter it instead.
        throw new DeliveryException(
            channel,
            lastFailure
                + " with Retry-After "
                + delay.toSeconds()
                + " s, longer than the maximum backoff "
                + maxBackoff.toMillis()
                + " ms",
            attempt,
            false,
            lastCause);
      }
      LOG.warn(
          "Delivery of alert {} to {} failed on attempt {}/{} ({}); retrying in {} ms",
          alert.alertId,
          channel,
          attempt,
          maxAttempts,
          lastFailure,
          delay.toMillis());
      sleeper.sleep(delay);
    }
    throw new DeliveryException(
        channel,
        "gave up after " + maxAttempts + " attempts; last: " + lastFailure,
        maxAttempts,
        false,
        lastCause);
  }

  /**
   * Exponential backoff with "equal jitter": half the exponential delay is fixed and half random,
   * so many services retrying together spread out but none retries immediately.
   */
  Duration backoff(int attempt) {
    long base = initialBackoff.toMillis();
    // Shift at most 30 places: more would overflow, and the cap applies long before.
    long exp = base << Math.min(attempt - 1, 30);
    long capped = Math.min(exp < base ? Long.MAX_VALUE : exp, maxBackoff.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + Math.round(jitter.getAsDouble() * (capped - half)));
  }

  /** Retry-After is either delay-seconds or an HTTP date (RFC 9110, section 10.2.3). */
  private Optional<Duration> parseRetryAfter(String value) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException unparseable) {
        // A garbled header is no reason to fail; fall back to our own backoff.
        return Optional.empty();
      }
    }
  }

  private String describe(IOException e) {
    String message = e.getMessage();
    String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    // Belt and braces: the path and query of a chat webhook URL are its secret.
    String full = url.toString();
    return text.replace(full, endpoint + "/...");
  }

  /** Scheme, host and port only: for most chat webhooks the path or query is the credential. */
  static String redact(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  @Override
  public String toString() {
    return "WebhookNotifier{" + channel + " -> " + endpoint + "}";
  }

  /** Settings for a {@link WebhookNotifier}; every setting has a default except the URL. */
  public static final class Builder {
    private final URI url;
    private String channel = CHANNEL;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private Clock clock = Clock.systemUTC();

    private Builder(URI url) {
      this.url = Objects.requireNonNull(url, "webhook url");
    }

    /** Channel name in metrics and dead-letter headers; default {@code webhook}. */
    public Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    /** Time to open the TCP/TLS connection; default 5 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Time for one request to get its response; default 10 s. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** Tries per alert, the first included; default 5. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Delay scale before the second try (doubled each time, with jitter); default 500 ms. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    /** Longest wait between tries, Retry-After included; default 30 s. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    Builder jitter(DoubleSupplier jitter) {
      this.jitter = jitter;
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Validates the settings; messages name the setting and never echo the URL's path. */
    public WebhookNotifier build() {
      String scheme = url.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
        throw new IllegalArgumentException(
            "webhook URL must start with http:// or https://, had scheme '" + scheme + "'");
      }
      if (url.getHost() == null || url.getHost().isBlank()) {
        throw new IllegalArgumentException("webhook URL has no host");
      }
      if (channel == null || !channel.matches("[a-z][a-z0-9_-]{0,31}")) {
        throw new IllegalArgumentException(
            "webhook channel must be lower-case letters, digits, '-' or '_' (at most 32), was '"
                + channel
                + "'");
      }
      requirePositive("connectTimeout", connectTimeout);
      requirePositive("requestTimeout", requestTimeout);
      requirePositive("initialBackoff", initialBackoff);
      requirePositive("maxBackoff", maxBackoff);
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("webhook maxAttempts must be >= 1, was " + maxAttempts);
      }
      return new WebhookNotifier(this);
    }

    private static void requirePositive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("webhook " + name + " must be > 0, was " + d);
      }
    }
  }
}
