package io.lapsewatch.alerts.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.alerts.template.DigestMessage;
import io.lapsewatch.alerts.template.Message;
import io.lapsewatch.alerts.template.MessageLocale;
import io.lapsewatch.alerts.template.MessageTemplates;
import io.lapsewatch.alerts.template.Utf8;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;

/**
 * DingTalk (钉钉) custom robot: {@code markdown} with {@code at.atMobiles}, or {@code actionCard}
 * with a button to the case. An alert carrying its retention-desk case link goes out as an
 * actionCard whose button opens the case, unless the message mentions someone: actionCards cannot
 * mention, so then it stays markdown with the case link as a link line under the reasons. When a
 * secret is configured every attempt is signed afresh ({@code timestamp} in ms and {@code sign} in
 * the query). Bodies are kept under 20,000 bytes.
 */
public final class DingTalkNotifier extends ChatNotifier {
  public static final String CHANNEL = "dingtalk";

  /** Body limit. */
  public static final int MAX_BODY_BYTES = 20_000;

  /** Text limit inside the body, leaving room for the JSON around it. */
  static final int MAX_TEXT_BYTES = 18_000;

  /** Which DingTalk message type to send. */
  public enum Format {
    MARKDOWN,
    ACTION_CARD
  }

  private final Optional<String> secret;
  private final Format format;
  private final Mentions mentions;

  /**
   * @param secret the robot's signing secret ({@code SEC...}); empty when the robot uses keywords
   *     or an IP allow-list instead
   * @throws IllegalArgumentException when an action card has no link to open, or mentions are asked
   *     of an action card (DingTalk cannot mention there)
   */
  public DingTalkNotifier(
      URI url,
      Optional<String> secret,
      MessageTemplates templates,
      Format format,
      Mentions mentions,
      HttpOptions o) {
    super(CHANNEL, url, templates, o);
    if (format == Format.ACTION_CARD) {
      if (!templates.hasLinkTemplate()) {
        throw new IllegalArgumentException(
            "dingtalk actionCard needs a link template for its button; set link or use markdown");
      }
      if (!mentions.isEmpty()) {
        throw new IllegalArgumentException(
            "dingtalk actionCard messages cannot mention anyone; use format markdown");
      }
    }
    this.secret = secret.filter(s -> !s.isBlank());
    this.format = format;
    this.mentions = mentions;
  }

  @Override
  protected ObjectNode messagePayload(Message m, EnrichedAlert alert) {
    String sep = templates.locale() == MessageLocale.ZH_CN ? "：" : ": ";
    StringBuilder head = new StringBuilder("#### ").append(clean(m.title())).append("\n\n");
    m.facts()
        .forEach(
            f ->
                head.append("- **")
                    .append(clean(f.label()))
                    .append("**")
                    .append(sep)
                    .append(clean(f.value()))
                    .append('\n'));
    head.append("\n**").append(clean(m.callToAction())).append("**\n\n");
    StringBuilder middle = new StringBuilder(clean(m.reasonsLabel())).append(sep).append("\n\n");
    m.reasons().forEach(r -> middle.append("- ").append(clean(r)).append('\n'));
    StringBuilder tail = new StringBuilder("\n");
    ObjectNode root = JSON.createObjectNode();
    Mentions.Resolved who = mentions.resolve(alert, EnrichedAlert.AGENT_DINGTALK_USER_ID);
    // An actionCard cannot mention anyone (DingTalk ignores "at" there), so a case link becomes
    // the card's button only when nobody is to be notified; otherwise the markdown message keeps
    // its @mentions and carries the case link as a link line.
    boolean asCard =
        format == Format.ACTION_CARD || (alert.caseLink().isPresent() && who.isEmpty());
    if (asCard) {
      tail.append("> ").append(clean(m.footer()));
      root.put("msgtype", "actionCard");
      ObjectNode card = root.putObject("actionCard");
      card.put("title", m.title());
      card.put(
          "text",
          Utf8.fit(head.toString(), middle.toString(), tail.toString(), MAX_TEXT_BYTES, CUT));
      card.put("btnOrientation", "0");
      card.put("singleTitle", m.linkLabel());
      card.put("singleURL", m.link().orElseThrow());
      return root;
    }
    m.link()
        .ifPresent(
            l -> tail.append('[').append(m.linkLabel()).append("](").append(l).append(")\n\n"));
    // DingTalk only highlights and notifies a mention that also appears as @... in the text.
    who.mobiles().forEach(p -> tail.append('@').append(p).append(' '));
    who.userIds().forEach(id -> tail.append('@').append(clean(id)).append(' '));
    if (!who.isEmpty()) {
      tail.append("\n\n");
    }
    tail.append("> ").append(clean(m.footer()));
    root.put("msgtype", "markdown");
    ObjectNode md = root.putObject("markdown");
    md.put("title", m.title());
    md.put(
        "text", Utf8.fit(head.toString(), middle.toString(), tail.toString(), MAX_TEXT_BYTES, CUT));
    ObjectNode at = root.putObject("at");
    ArrayNode mobiles = at.putArray("atMobiles");
    who.mobiles().forEach(mobiles::add);
    if (!who.userIds().isEmpty()) {
      ArrayNode ids = at.putArray("atUserIds");
      who.userIds().forEach(ids::add);
    }
    at.put("isAtAll", who.all());
    return root;
  }

  @Override
  protected ObjectNode digestPayload(DigestMessage d, List<EnrichedAlert> alerts) {
    StringBuilder s = new StringBuilder("#### ").append(clean(d.title())).append("\n\n");
    for (int i = 0; i < d.lines().size(); i++) {
      s.append("- ").append(clean(d.lines().get(i)));
      String link = d.links().get(i);
      if (!link.isEmpty()) {
        s.append(" [↗](").append(link).append(')');
      }
      s.append('\n');
    }
    s.append("\n> ").append(clean(d.footer()));
    ObjectNode root = JSON.createObjectNode();
    root.put("msgtype", "markdown");
    ObjectNode md = root.putObject("markdown");
    md.put("title", d.title());
    md.put("text", Utf8.truncate(s.toString(), MAX_TEXT_BYTES, CUT));
    ObjectNode at = root.putObject("at");
    at.putArray("atMobiles");
    at.put("isAtAll", false);
    return root;
  }

  @Override
  protected boolean digestFits(ObjectNode payload) {
    String text = payload.path("markdown").path("text").asText();
    return !text.endsWith(CUT) && Utf8.length(payload.toString()) <= MAX_BODY_BYTES;
  }

  @Override
  protected HttpRequest request(ObjectNode body) {
    URI target = http.url();
    if (secret.isPresent()) {
      long ts = http.options().clock().millis();
      String q = "timestamp=" + ts + "&sign=" + Signatures.dingTalkQueryValue(ts, secret.get());
      String base = target.toString();
      target = URI.create(base + (target.getRawQuery() == null ? "?" : "&") + q);
    }
    return http.jsonPost(target, body.toString());
  }

  @Override
  protected ResponseCheck check() {
    return errcodeCheck(
        (code, detail) -> {
          if (code == 130101) {
            // "send too fast": the robot is throttled for a while.
            return new ResponseCheck.Verdict(
                ResponseCheck.Kind.RATE_LIMITED, detail + " (too fast)");
          }
          if (code == 310000) {
            return new ResponseCheck.Verdict(
                ResponseCheck.Kind.PERMANENT,
                detail + " (signature, keyword or IP check failed: check the secret and clock)");
          }
          return null;
        });
  }
}
