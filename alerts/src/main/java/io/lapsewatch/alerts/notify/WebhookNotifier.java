package io.lapsewatch.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alerts.template.Scrubber;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Posts each alert as contract-v1 JSON to a generic webhook, its free text scrubbed of personal
 * data, retrying transient failures with exponential backoff and jitter.
 */
public final class WebhookNotifier implements Notifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The default channel name in metrics and dead-letter headers. */
  public static final String CHANNEL = "webhook";

  /** The field carrying a treated alert's signed retention-desk case link. */
  public static final String CASE_URL = "caseUrl";

  private final String channel;
  private final HttpDelivery http;
  private final RetryPolicy retry;

  private WebhookNotifier(Builder b) {
    this.channel = b.channel;
    this.retry = new RetryPolicy(b.maxAttempts, b.initialBackoff, b.maxBackoff);
    this.http =
        new HttpDelivery(
            b.channel,
            b.url,
            new HttpOptions(
                b.connectTimeout, b.requestTimeout, retry, b.sleeper, b.jitter, b.clock));
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
    return http.endpoint();
  }

  @Override
  public DeliveryReceipt deliver(Alert alert) throws DeliveryException, InterruptedException {
    return deliver(EnrichedAlert.of(alert));
  }

  @Override
  public DeliveryReceipt deliver(EnrichedAlert enriched)
      throws DeliveryException, InterruptedException {
    Alert alert = enriched.alert();
    String json = body(enriched);
    return http.send(
        "alert " + alert.alertId,
        () ->
            HttpRequest.newBuilder(http.url())
                .timeout(http.options().requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "lapsewatch-alerts")
                // Retries and replays carry the same key, so a receiver can drop duplicates.
                .header("Idempotency-Key", alert.alertId)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
        ResponseCheck.httpStatus());
  }

  /** Kind of a desk notice's JSON body, beside alerts on the same webhook. */
  public static final String NOTICE_KIND = "lapsewatch.desk-notice.v1";

  @Override
  public DeliveryReceipt deliverNotice(DeskNotice notice)
      throws DeliveryException, InterruptedException {
    ObjectNode tree = JSON.createObjectNode();
    tree.put("kind", NOTICE_KIND);
    tree.put("id", notice.id());
    tree.put("title", notice.title());
    tree.put("why", notice.why());
    tree.put("callToAction", notice.callToAction());
    ObjectNode facts = tree.putObject("facts");
    for (DeskNotice.Fact f : notice.facts()) {
      facts.put(f.label(), f.value());
    }
    tree.put("text", notice.text());
    notice.link().ifPresent(l -> tree.put(CASE_URL, l.toString()));
    String json = tree.toString();
    return http.send(
        "desk notice " + notice.id(),
        () ->
            HttpRequest.newBuilder(http.url())
                .timeout(http.options().requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "lapsewatch-alerts")
                .header("Idempotency-Key", notice.id())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
        ResponseCheck.httpStatus());
  }

  /**
   * The contract-v1 JSON this notifier posts: the alert as it is, except that its free text (the
   * reasons' feature and text, the model version) has passed the {@link Scrubber}, plus {@value
   * #CASE_URL} with the case link when the alert has one (taken as it is, never scrubbed). Ids stay
   * as they are: the receiver keys its records on them.
   */
  static String body(EnrichedAlert enriched) {
    String json = AlertJson.toJson(enriched.alert());
    Scrubber scrubber = Scrubber.forAttributes(enriched.attributes());
    ObjectNode tree;
    try {
      tree = (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("AlertJson wrote JSON it cannot read back", e);
    }
    boolean changed = scrub(tree, "modelVersion", scrubber);
    for (JsonNode reason : tree.path("reasons")) {
      changed |= scrub((ObjectNode) reason, "feature", scrubber);
      changed |= scrub((ObjectNode) reason, "text", scrubber);
    }
    if (enriched.caseLink().isPresent()) {
      // Beside the contract's fields, so a receiver that reads only the contract is unaffected.
      tree.put(CASE_URL, enriched.caseLink().get().toString());
      changed = true;
    }
    // Unchanged alerts go out byte for byte as the contract writes them.
    return changed ? tree.toString() : json;
  }

  private static boolean scrub(ObjectNode node, String field, Scrubber scrubber) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      return false;
    }
    String scrubbed = scrubber.scrub(v.asText());
    if (scrubbed.equals(v.asText())) {
      return false;
    }
    node.put(field, scrubbed);
    return true;
  }

  /** The pause after failed attempt {@code attempt}, with this notifier's jitter source. */
  Duration backoff(int attempt) {
    return retry.backoff(attempt, http.options().jitter().getAsDouble());
  }

  /** Scheme, host and port only: for most chat webhooks the path or query is the credential. */
  static String redact(URI url) {
    return HttpDelivery.redact(url);
  }

  @Override
  public String toString() {
    return "WebhookNotifier{" + channel + " -> " + http.endpoint() + "}";
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
    private Sleeper sleeper = Sleeper.system();
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
