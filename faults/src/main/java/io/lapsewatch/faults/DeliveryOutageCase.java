package io.lapsewatch.faults;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lapsewatch.alertcontract.AlertJson;
import io.lapsewatch.alerts.notify.EmailNotifier;
import io.lapsewatch.alerts.notify.HttpOptions;
import io.lapsewatch.alerts.service.AlertsService;
import io.lapsewatch.alerts.service.AlertsServiceConfig;
import io.lapsewatch.alerts.template.MessageLocale;
import io.lapsewatch.alerts.template.MessageTemplates;
import io.lapsewatch.embedded.EmbeddedRedis;
import io.lapsewatch.embedded.WebhookReceiver;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alerts service delivers the clean run's alerts while its receiver is out: a chat webhook
 * answering HTTP 500 and then 429 with Retry-After (for a minute in the full suite), or the SMTP
 * server down and restarted later on the same port. Once the receiver is back, every alert must
 * have reached it; an alert the receiver answered with success counts as delivered, and further
 * successful copies count as duplicates (the notification log should prevent them).
 */
final class DeliveryOutageCase implements FaultCase {
  /** The receiver that fails. */
  enum Receiver {
    WEBHOOK("webhook-500-429"),
    SMTP("smtp-down");

    final String caseName;

    Receiver(String caseName) {
      this.caseName = caseName;
    }
  }

  private static final String RECIPIENT = "retention-team@insurer.example";
  private final Receiver receiver;

  DeliveryOutageCase(Receiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public String name() {
    return receiver.caseName;
  }

  private Map<String, String> config(FaultStack s) throws Exception {
    String dlq = "alerts-dlq-" + name();
    s.kafka().createTopics(2, dlq);
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap-servers", s.kafka().bootstrapServers());
    m.put("alerts.topic", "alerts-" + FaultStack.REFERENCE);
    m.put("alerts.group-id", "faults-" + name());
    m.put("alerts.dead-letter-topic", dlq);
    m.put("console.enabled", "false");
    m.put("metrics.port", "0");
    // The notification log in Redis, as in production: what keeps replays from notifying twice.
    m.put("redis.url", s.redis().url());
    // The alerts path only; the retention desk (on by default with Redis) has its own tests.
    m.put("desk.enabled", "false");
    m.put("notification-log.key-prefix", "lw:notif:faults:" + name() + ":");
    // Quick mode gives up (and the suite stops waiting) sooner than the 5-minute default.
    m.put("delivery.give-up-after-ms", Long.toString(giveUpAfter(s).toMillis()));
    return m;
  }

  @Override
  public FaultResult run(FaultStack s) throws Exception {
    FaultStack.JobOutput ref = s.reference();
    Set<String> expected = ref.alertsById().keySet();
    long records = ref.alertsById().values().stream().mapToLong(List::size).sum();
    Duration outage = Duration.ofSeconds(s.quick() ? 6 : 60);
    Map<String, String> config = config(s);
    List<String> deliveredIds;
    String injected;
    List<String> notes = new ArrayList<>();
    Map<String, Long> measures = new java.util.TreeMap<>();
    if (receiver == Receiver.WEBHOOK) {
      try (WebhookReceiver hook = WebhookReceiver.start()) {
        hook.fallback(WebhookReceiver.Response.status(500));
        config.put("webhook.url", hook.url("/hooks/retention"));
        try (AlertsService service = AlertsService.start(AlertsServiceConfig.from(config))) {
          Thread.sleep(outage.toMillis() / 2);
          hook.fallback(WebhookReceiver.Response.tooManyRequests(1));
          Thread.sleep(outage.toMillis() / 2);
          measures.put("handled_before_recovery", service.recordsHandled());
          hook.fallback(WebhookReceiver.Response.ok());
          awaitDelivered(() -> webhookDelivered(hook), expected, records, service, giveUpAfter(s));
        }
        deliveredIds = webhookDelivered(hook);
        long refused = hook.answers().stream().filter(a -> a.status() != 200).count();
        notes.add(refused + " requests answered 500 or 429 during the outage");
        measures.put("refused_requests", refused);
      }
      injected =
          "webhook answered HTTP 500 for "
              + outage.toSeconds() / 2
              + " s, then 429 (Retry-After: 1) for "
              + outage.toSeconds() / 2
              + " s";
    } else {
      int port = EmbeddedRedis.freePort();
      ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
      GreenMail mail = new GreenMail(setup);
      mail.start();
      mail.stop();
      EmailNotifier email =
          new EmailNotifier(
              new EmailNotifier.Smtp(
                  "127.0.0.1",
                  port,
                  EmailNotifier.Security.NONE,
                  Optional.empty(),
                  Optional.empty(),
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(5),
                  Duration.ofSeconds(5),
                  Optional.empty(),
                  true),
              "LapseWatch <alerts@lapsewatch.example>",
              List.of(RECIPIENT),
              false,
              "[LapseWatch] ",
              new MessageTemplates(MessageLocale.EN, true, Optional.empty()),
              HttpOptions.defaults());
      GreenMail[] back = new GreenMail[1];
      try (AlertsService service =
          AlertsService.start(AlertsServiceConfig.from(config), List.of(email))) {
        Thread.sleep(outage.toMillis());
        measures.put("handled_before_recovery", service.recordsHandled());
        back[0] = new GreenMail(setup);
        back[0].start();
        awaitDelivered(() -> mailDelivered(back[0]), expected, records, service, giveUpAfter(s));
      }
      try {
        deliveredIds = mailDelivered(back[0]);
      } finally {
        back[0].stop();
      }
      injected = "SMTP server stopped for " + outage.toSeconds() + " s, restarted on the same port";
    }

    Set<String> distinct = new HashSet<>(deliveredIds);
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(distinct);
    List<String> violations = new ArrayList<>();
    Set<String> extra = new HashSet<>(distinct);
    extra.removeAll(expected);
    if (!extra.isEmpty()) {
      violations.add(extra.size() + " delivered alerts that the job never raised");
    }
    if (expected.isEmpty()) {
      violations.add("the reference run raised no alerts: nothing was tested");
    }
    long deadLetters = s.read(config.get("alerts.dead-letter-topic")).size();
    measures.put("dead_lettered", deadLetters);
    notes.add(
        String.format(
            "delivered %d of %d alerts, %d duplicate deliveries, %d dead-lettered",
            expected.size() - missing.size(),
            expected.size(),
            deliveredIds.size() - distinct.size(),
            deadLetters));
    return new FaultResult(
        name(),
        injected,
        "alerts delivered",
        expected.size(),
        expected.size() - missing.size(),
        missing.size(),
        deliveredIds.size() - distinct.size(),
        notes,
        violations,
        measures,
        0);
  }

  private static Duration giveUpAfter(FaultStack s) {
    return s.quick() ? Duration.ofSeconds(90) : Duration.ofMinutes(5);
  }

  /**
   * Waits until every expected alert arrived, or the service has handled (delivered or
   * dead-lettered, and committed) every record of the topic — after that nothing more will come —
   * or the give-up time plus a margin passed.
   */
  private static void awaitDelivered(
      java.util.concurrent.Callable<List<String>> delivered,
      Set<String> expected,
      long records,
      AlertsService service,
      Duration giveUpAfter)
      throws Exception {
    long deadline = System.nanoTime() + giveUpAfter.plusMinutes(1).toNanos();
    while (System.nanoTime() < deadline && service.isHealthy()) {
      if (new HashSet<>(delivered.call()).containsAll(expected)
          || service.recordsHandled() >= records) {
        // A little longer: a duplicate would show up right after the last delivery.
        Thread.sleep(500);
        return;
      }
      Thread.sleep(100);
    }
  }

  private static List<String> webhookDelivered(WebhookReceiver hook) throws Exception {
    List<String> ids = new ArrayList<>();
    for (WebhookReceiver.Answer a : hook.answers()) {
      if (a.status() == 200) {
        ids.add(AlertJson.parse(a.request().body().getBytes(StandardCharsets.UTF_8)).alertId);
      }
    }
    return ids;
  }

  private static List<String> mailDelivered(GreenMail mail) throws Exception {
    List<String> ids = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      String id = m.getHeader("X-LapseWatch-Alert-Id", null);
      if (id != null) {
        ids.add(id);
      }
    }
    return ids;
  }
}
