package io.lapsewatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alertcontract.TestingAlerts;
import io.lapsewatch.embedded.WebhookReceiver;
import io.lapsewatch.embedded.WebhookReceiver.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry and backoff rules against a real HTTP receiver; pauses are recorded, not slept. */
class WebhookNotifierTest {
  /** Stands in for a chat webhook whose path is the credential. */
  private static final String SECRET_PATH = "/services/T000/B000/s3cr3t-t0ken";

  private WebhookReceiver receiver;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final Alert alert = TestingAlerts.highValueCallback("PH-1001");

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private WebhookNotifier.Builder notifier(double jitter) {
    return WebhookNotifier.builder(URI.create(receiver.url(SECRET_PATH)))
        .initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofSeconds(5))
        .maxAttempts(4)
        .sleeper(sleeps::add)
        .jitter(() -> jitter);
  }

  @Test
  void shouldPostTheAlertJsonOnce() throws Exception {
    DeliveryReceipt receipt = notifier(0).build().deliver(alert);

    assertThat(receipt.attempts()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
    assertThat(receiver.requests()).hasSize(1);
    WebhookReceiver.Request request = receiver.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(SECRET_PATH);
    assertThat(request.header("Content-Type")).hasValue("application/json");
    assertThat(request.header("Idempotency-Key")).hasValue(alert.alertId);
    assertThat(request.body()).isEqualTo(AlertJson.toJson(alert));
  }

  @Test
  void shouldRetryServerErrorsWithExponentialBackoff() throws Exception {
    receiver.respondWith(Response.status(500), Response.status(502), Response.status(503));

    DeliveryReceipt receipt = notifier(1.0).build().deliver(alert);

    assertThat(receipt.attempts()).isEqualTo(4);
    // Jitter at its maximum gives the full exponential delay: 100, 200, 400 ms.
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(receiver.requests())
        .extracting(WebhookReceiver.Request::body)
        .containsOnly(AlertJson.toJson(alert));
  }

  @Test
  void shouldKeepHalfOfTheBackoffFixedWhateverTheJitter() {
    WebhookNotifier n = notifier(0).build();

    assertThat(n.backoff(1)).isEqualTo(Duration.ofMillis(50));
    assertThat(n.backoff(3)).isEqualTo(Duration.ofMillis(200));
    // Capped at the maximum backoff (5 s), however many attempts.
    assertThat(n.backoff(40)).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void shouldHonourRetryAfterSecondsOn429() throws Exception {
    receiver.respondWith(Response.tooManyRequests(2));

    DeliveryReceipt receipt = notifier(0.5).build().deliver(alert);

    assertThat(receipt.attempts()).isEqualTo(2);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void shouldHonourRetryAfterAsAnHttpDate() throws Exception {
    Instant now = Instant.parse("2026-05-20T08:00:00Z");
    String in3s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(now.plusSeconds(3), ZoneOffset.UTC));
    receiver.respondWith(new Response(429, java.util.Map.of("Retry-After", in3s), "slow down"));

    notifier(0.5).clock(Clock.fixed(now, ZoneOffset.UTC)).build().deliver(alert);

    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void shouldUseItsOwnBackoffWhen429HasNoRetryAfter() throws Exception {
    receiver.respondWith(Response.status(429));

    notifier(1.0).build().deliver(alert);

    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
  }

  @Test
  void shouldGiveUpAtOnceWhenRetryAfterExceedsTheMaximumBackoff() {
    receiver.respondWith(Response.tooManyRequests(600));

    assertThatThrownBy(() -> notifier(0).build().deliver(alert))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.permanent()).isFalse();
            })
        .hasMessageContaining("Retry-After 600 s");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldTreatOtherClientErrorsAsPermanent() {
    receiver.respondWith(Response.status(404));

    assertThatThrownBy(() -> notifier(0).build().deliver(alert))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.permanent()).isTrue();
              assertThat(e.channel()).isEqualTo("webhook");
            })
        .hasMessageContaining("HTTP 404")
        .hasMessageNotContaining("s3cr3t");
    assertThat(receiver.requests()).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldThrowAfterTheLastAttempt() {
    receiver.fallback(Response.status(503));

    assertThatThrownBy(() -> notifier(0).build().deliver(alert))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.attempts()).isEqualTo(4))
        .hasMessageContaining("gave up after 4 attempts")
        .hasMessageContaining("HTTP 503")
        .hasMessageNotContaining("s3cr3t");
    assertThat(receiver.requests()).hasSize(4);
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void shouldRetryWhenTheEndpointIsUnreachable() throws Exception {
    String url = receiver.url(SECRET_PATH);
    receiver.close();
    WebhookNotifier n =
        WebhookNotifier.builder(URI.create(url))
            .maxAttempts(3)
            .initialBackoff(Duration.ofMillis(10))
            .connectTimeout(Duration.ofSeconds(2))
            .sleeper(sleeps::add)
            .build();

    assertThatThrownBy(() -> n.deliver(alert))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("gave up after 3 attempts")
        .hasMessageContaining("http://127.0.0.1:")
        .hasMessageNotContaining("s3cr3t");
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void shouldLogOnlySchemeHostAndPort() {
    WebhookNotifier n =
        WebhookNotifier.builder(URI.create("https://hooks.example.com/services/T0/B0/s3cr3t"))
            .build();

    assertThat(n.endpoint()).isEqualTo("https://hooks.example.com");
    assertThat(n.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void shouldRejectBadSettingsNamingThem() {
    assertThatThrownBy(() -> WebhookNotifier.builder(URI.create("ftp://example.com/x")).build())
        .hasMessage("webhook URL must start with http:// or https://, had scheme 'ftp'");
    assertThatThrownBy(() -> notifier(0).maxAttempts(0).build())
        .hasMessage("webhook maxAttempts must be >= 1, was 0");
    assertThatThrownBy(() -> notifier(0).requestTimeout(Duration.ZERO).build())
        .hasMessage("webhook requestTimeout must be > 0, was PT0S");
    assertThatThrownBy(() -> notifier(0).channel("Web Hook").build())
        .hasMessageContaining("was 'Web Hook'");
  }
}
