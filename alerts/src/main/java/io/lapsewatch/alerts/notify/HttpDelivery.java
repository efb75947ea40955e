package io.lapsewatch.alerts.notify;

import io.lapsewatch.alerts.template.PersonalData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts to one HTTP endpoint with the retry rule every HTTP notifier shares: IOExceptions,
 * transient answers and throttling are retried with exponential backoff and jitter, throttling
 * honours Retry-After (seconds or an HTTP date), permanent answers fail at once. Messages name the
 * endpoint by scheme, host and port only: for most chat webhooks the path or query is the secret.
 */
public final class HttpDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(HttpDelivery.class);
  private static final int MAX_BODY_IN_MESSAGE = 200;

  private final String channel;
  private final URI url;
  private final String endpoint;
  private final HttpOptions options;
  private final HttpClient client;

  /** A delivery to {@code url} (http or https) for {@code channel}. */
  public HttpDelivery(String channel, URI url, HttpOptions options) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException(
          channel + " URL must start with http:// or https://, had scheme '" + scheme + "'");
    }
    if (url.getHost() == null || url.getHost().isBlank()) {
      throw new IllegalArgumentException(channel + " URL has no host");
    }
    this.channel = channel;
    this.url = url;
    this.endpoint = redact(url);
    this.options = options;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            // A redirect usually means a wrong URL; following it could post alerts elsewhere.
            .followRedirects(HttpClient.Redirect.NEVER)
            // Webhooks speak HTTP/1.1; the h2c upgrade dance costs a delayed-ACK round trip.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** The configured URL (secret for most chat channels: never log it). */
  public URI url() {
    return url;
  }

  /** Scheme, host and port: safe to log. */
  public String endpoint() {
    return endpoint;
  }

  public HttpOptions options() {
    return options;
  }

  /** A JSON POST of {@code json} to {@code target} with this delivery's request timeout. */
  public HttpRequest jsonPost(URI target, String json) {
    return HttpRequest.newBuilder(target)
        .timeout(options.requestTimeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "lapsewatch-alerts")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
  }

  /**
   * Sends the request {@code request} builds (asked again for every attempt, so signatures and
   * timestamps are fresh) until {@code check} says it was delivered or retrying is over.
   *
   * @param ref what is being delivered, for log lines (an alert id, never personal data)
   */
  public DeliveryReceipt send(String ref, Supplier<HttpRequest> request, ResponseCheck check)
      throws DeliveryException, InterruptedException {
    RetryPolicy retry = options.retry();
    String lastFailure = "no attempt made";
    Throwable lastCause = null;
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      try {
        HttpResponse<String> response =
            client.send(request.get(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        ResponseCheck.Verdict verdict = check.check(response.statusCode(), response.body());
        switch (verdict.kind()) {
          case OK:
            return new DeliveryReceipt(attempt);
          case PERMANENT:
            throw new DeliveryException(
                channel,
                channel
                    + " "
                    + endpoint
                    + " "
                    + verdict.detail()
                    + bodySnippet(response.body())
                    + ": an error that retrying cannot fix; check the "
                    + channel
                    + " receiver's settings",
                attempt,
                true,
                null);
          case RATE_LIMITED:
            retryAfter =
                response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter);
            break;
          case RETRY:
          default:
            break;
        }
        lastFailure = channel + " " + endpoint + " " + verdict.detail();
        lastCause = null;
      } catch (IOException e) {
        lastFailure = channel + " " + endpoint + " failed: " + describe(e);
        lastCause = e;
      }
      if (attempt == retry.maxAttempts()) {
        break;
      }
      Duration delay =
          retryAfter.isPresent()
              ? retryAfter.get()
              : retry.backoff(attempt, options.jitter().getAsDouble());
      if (delay.compareTo(retry.maxBackoff()) > 0) {
        // Waiting longer would stall the consumer for every other alert; dead-letter it instead.
        throw new DeliveryException(
            channel,
            lastFailure
                + " with Retry-After "
                + delay.toSeconds()
                + " s, longer than the maximum backoff "
                + retry.maxBackoff().toMillis()
                + " ms",
            attempt,
            false,
            lastCause);
      }
      LOG.warn(
          "Delivery of {} to {} failed on attempt {}/{} ({}); retrying in {} ms",
          ref,
          channel,
          attempt,
          retry.maxAttempts(),
          lastFailure,
          delay.toMillis());
      options.sleeper().sleep(delay);
    }
    throw new DeliveryException(
        channel,
        "gave up after " + retry.maxAttempts() + " attempts; last: " + lastFailure,
        retry.maxAttempts(),
        false,
        lastCause);
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
        Duration d = Duration.between(options.clock().instant(), at);
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
    return text.replace(url.toString(), endpoint + "/...");
  }

  /** A short, scrubbed quote of an error body (chat APIs explain errors there). */
  private static String bodySnippet(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String b = PersonalData.scrub(body.strip());
    return " ("
        + (b.length() > MAX_BODY_IN_MESSAGE ? b.substring(0, MAX_BODY_IN_MESSAGE) + "..." : b)
        + ")";
  }

  /** Scheme, host and port only: for most chat webhooks the path or query is the credential. */
  public static String redact(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }
}
