package io.lapsewatch.alerts.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alerts.template.DigestMessage;
import io.lapsewatch.alerts.template.Message;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * What the chat notifiers share: render the alert with the templates, lay it out as the channel's
 * JSON, post it with {@link HttpDelivery}, and fold overflow into digests within the channel's size
 * limit. Subclasses supply the layout, the size rule and how to read the answer.
 */
public abstract class ChatNotifier implements DigestNotifier {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Appended where a text had to be cut to fit. */
  public static final String CUT = "…";

  private final String channel;
  protected final HttpDelivery http;
  protected final MessageTemplates templates;

  protected ChatNotifier(String channel, URI url, MessageTemplates templates, HttpOptions options) {
    this.channel = channel;
    this.http = new HttpDelivery(channel, url, options);
    this.templates = templates;
  }

  @Override
  public final String channel() {
    return channel;
  }

  /** Scheme, host and port of the endpoint: safe to log. */
  public String endpoint() {
    return http.endpoint();
  }

  @Override
  public DeliveryReceipt deliver(Alert alert) throws DeliveryException, InterruptedException {
    return deliver(EnrichedAlert.of(alert));
  }

  @Override
  public DeliveryReceipt deliver(EnrichedAlert alert)
      throws DeliveryException, InterruptedException {
    ObjectNode body = payload(alert);
    return http.send("alert " + alert.alert().alertId, () -> request(body), check());
  }

  /** The exact JSON this notifier posts for {@code alert} (before any per-attempt signing). */
  public ObjectNode payload(EnrichedAlert alert) {
    return messagePayload(
        templates.render(alert.alert(), alert.attributes(), alert.caseLink()), alert);
  }

  /** The exact JSON of a digest of {@code alerts} (before any per-attempt signing). */
  public ObjectNode digestPayload(List<EnrichedAlert> alerts) {
    return digestPayload(
        templates.digest(
            alerts.stream().map(EnrichedAlert::alert).toList(),
            alerts.stream().map(EnrichedAlert::caseLink).toList()),
        alerts);
  }

  @Override
  public int digestCapacity(List<EnrichedAlert> alerts) {
    if (alerts.isEmpty()) {
      return 0;
    }
    // Binary search for the longest prefix whose digest fits; one alert always "fits" (the
    // channel's layout truncates a single line if it must).
    int lo = 1;
    int hi = alerts.size();
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (digestFits(digestPayload(alerts.subList(0, mid)))) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  @Override
  public DeliveryReceipt deliverDigest(List<EnrichedAlert> alerts)
      throws DeliveryException, InterruptedException {
    ObjectNode body = digestPayload(alerts);
    String ref = "digest of " + alerts.size() + " alerts from " + alerts.get(0).alert().alertId;
    return http.send(ref, () -> request(body), check());
  }

  @Override
  public DeliveryReceipt deliverNotice(DeskNotice notice)
      throws DeliveryException, InterruptedException {
    ObjectNode body = noticePayload(notice);
    return http.send("desk notice " + notice.id(), () -> request(body), check());
  }

  /**
   * The channel's JSON for a desk notice: laid out as an urgent message with the notice's facts and
   * link, without mentions (the receiver is the lead's group, not the agent).
   */
  public ObjectNode noticePayload(DeskNotice notice) {
    Message m =
        new Message(
            notice.title(),
            true,
            notice.facts().stream().map(f -> new Message.Fact(f.label(), f.value())).toList(),
            notice.callToAction(),
            "原因 / Why",
            List.of(notice.why()),
            notice.link().map(URI::toString),
            "打开案件 / Open case",
            notice.id());
    Alert stand = new Alert();
    stand.alertId = notice.id();
    return messagePayload(m, new EnrichedAlert(stand, java.util.Map.of(), notice.link()));
  }

  /** The channel's JSON for one message. */
  protected abstract ObjectNode messagePayload(Message m, EnrichedAlert alert);

  /** The channel's JSON for a digest. */
  protected abstract ObjectNode digestPayload(DigestMessage d, List<EnrichedAlert> alerts);

  /** True when a digest payload is within the channel's limits. */
  protected abstract boolean digestFits(ObjectNode payload);

  /** How to read the channel's answer. */
  protected abstract ResponseCheck check();

  /** The request for one attempt; signed channels override it to sign afresh each time. */
  protected HttpRequest request(ObjectNode body) {
    return http.jsonPost(http.url(), body.toString());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + channel + " -> " + http.endpoint() + "}";
  }

  /** Reads an error code field from a JSON answer; empty or non-JSON bodies give {@code null}. */
  /**
   * The HTTP status check, then the robot's {@code errcode} in a 200 body: 0 or absent is success,
   * -1 (system busy) is retried, {@code classify} names the robot's own codes (rate limits,
   * signature failures) and returns null for the rest, which are permanent.
   */
  static ResponseCheck errcodeCheck(
      java.util.function.BiFunction<Integer, String, ResponseCheck.Verdict> classify) {
    ResponseCheck http = ResponseCheck.httpStatus();
    return (status, body) -> {
      ResponseCheck.Verdict v = http.check(status, body);
      if (v.kind() != ResponseCheck.Kind.OK) {
        return v;
      }
      Integer code = codeIn(body, "errcode");
      if (code == null || code == 0) {
        return v;
      }
      String detail = "answered errcode " + code;
      if (code == -1) {
        return new ResponseCheck.Verdict(ResponseCheck.Kind.RETRY, detail + " (system busy)");
      }
      ResponseCheck.Verdict own = classify.apply(code, detail);
      return own != null ? own : new ResponseCheck.Verdict(ResponseCheck.Kind.PERMANENT, detail);
    };
  }

  static Integer codeIn(String body, String... fields) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      var node = JSON.readTree(body);
      for (String f : fields) {
        if (node != null && node.has(f) && node.get(f).canConvertToInt()) {
          return node.get(f).asInt();
        }
      }
    } catch (java.io.IOException notJson) {
      // Judged by HTTP status alone.
    }
    return null;
  }

  /**
   * Data made inert in chat markdown: angle brackets (fake {@code <@all>} mentions, font tags) and
   * backticks go, brackets become parentheses, and the asterisks of masked values become full-width
   * asterisks so {@code 138****1234} is not read as bold markers.
   */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("<", "")
        .replace(">", "")
        .replace("`", "'")
        .replace("*", "\uFF0A")
        .replace("[", "(")
        .replace("]", ")");
  }
}
