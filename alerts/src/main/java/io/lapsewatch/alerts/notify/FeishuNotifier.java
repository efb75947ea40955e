package io.lapsewatch.alerts.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.alerts.template.DigestMessage;
import io.lapsewatch.alerts.template.Message;
import io.lapsewatch.alerts.template.MessageTemplates;
import io.lapsewatch.alerts.template.Utf8;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;

/**
 * Feishu / Lark custom bot: an {@code interactive} card (header coloured by urgency, fields, the
 * reasons, a button to the case, a note with the alert id). When a secret is configured every
 * attempt carries a fresh {@code timestamp} (seconds) and {@code sign} in the body. Bodies are kept
 * under 20 KB.
 */
public final class FeishuNotifier extends ChatNotifier {
  public static final String CHANNEL = "feishu";

  /** Body limit. */
  public static final int MAX_BODY_BYTES = 20_000;

  static final int MAX_TEXT_BYTES = 15_000;

  private final Optional<String> secret;
  private final Mentions mentions;

  /**
   * @param secret the bot's signing secret; empty when the bot does not verify signatures
   * @throws IllegalArgumentException when mobiles are to be mentioned (a Feishu card mentions by
   *     open_id only)
   */
  public FeishuNotifier(
      URI url,
      Optional<String> secret,
      MessageTemplates templates,
      Mentions mentions,
      HttpOptions o) {
    super(CHANNEL, url, templates, o);
    if (!mentions.mobiles().isEmpty()) {
      throw new IllegalArgumentException(
          "feishu cards mention by open_id only; list ids under mention-user-ids, not mobiles");
    }
    this.secret = secret.filter(s -> !s.isBlank());
    this.mentions = mentions;
  }

  @Override
  protected ObjectNode messagePayload(Message m, EnrichedAlert alert) {
    ObjectNode root = JSON.createObjectNode();
    root.put("msg_type", "interactive");
    ObjectNode card = root.putObject("card");
    card.putObject("config").put("wide_screen_mode", true);
    ObjectNode header = card.putObject("header");
    header.put("template", m.urgent() ? "red" : "orange");
    header.putObject("title").put("tag", "plain_text").put("content", m.title());
    ArrayNode elements = card.putArray("elements");

    ObjectNode factsDiv = elements.addObject().put("tag", "div");
    ArrayNode fields = factsDiv.putArray("fields");
    for (Message.Fact f : m.facts()) {
      ObjectNode field = fields.addObject().put("is_short", true);
      field
          .putObject("text")
          .put("tag", "lark_md")
          .put("content", "**" + clean(f.label()) + "**\n" + clean(f.value()));
    }
    elements
        .addObject()
        .put("tag", "div")
        .putObject("text")
        .put("tag", "lark_md")
        .put("content", "**" + clean(m.callToAction()) + "**");
    StringBuilder why = new StringBuilder("**").append(clean(m.reasonsLabel())).append("**\n");
    m.reasons().forEach(r -> why.append("- ").append(clean(r)).append('\n'));
    elements
        .addObject()
        .put("tag", "div")
        .putObject("text")
        .put("tag", "lark_md")
        .put("content", Utf8.truncate(why.toString().strip(), MAX_TEXT_BYTES, CUT));
    Mentions.Resolved who = mentions.resolve(alert, EnrichedAlert.AGENT_FEISHU_OPEN_ID);
    if (!who.isEmpty()) {
      StringBuilder at = new StringBuilder();
      who.userIds().forEach(id -> at.append("<at id=").append(clean(id)).append("></at> "));
      if (who.all()) {
        at.append("<at id=all></at>");
      }
      elements
          .addObject()
          .put("tag", "div")
          .putObject("text")
          .put("tag", "lark_md")
          .put("content", at.toString().strip());
    }
    m.link()
        .ifPresent(
            link -> {
              ObjectNode action = elements.addObject().put("tag", "action");
              ObjectNode button = action.putArray("actions").addObject();
              button.put("tag", "button");
              button.putObject("text").put("tag", "plain_text").put("content", m.linkLabel());
              button.put("type", "primary");
              button.put("url", link);
            });
    ObjectNode note = elements.addObject().put("tag", "note");
    note.putArray("elements").addObject().put("tag", "plain_text").put("content", m.footer());
    return root;
  }

  @Override
  protected ObjectNode digestPayload(DigestMessage d, List<EnrichedAlert> alerts) {
    ObjectNode root = JSON.createObjectNode();
    root.put("msg_type", "interactive");
    ObjectNode card = root.putObject("card");
    card.putObject("config").put("wide_screen_mode", true);
    ObjectNode header = card.putObject("header");
    header.put("template", "orange");
    header.putObject("title").put("tag", "plain_text").put("content", d.title());
    ArrayNode elements = card.putArray("elements");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < d.lines().size(); i++) {
      s.append("- ").append(clean(d.lines().get(i)));
      String link = d.links().get(i);
      if (!link.isEmpty()) {
        s.append(" [↗](").append(link).append(')');
      }
      s.append('\n');
    }
    elements
        .addObject()
        .put("tag", "div")
        .putObject("text")
        .put("tag", "lark_md")
        .put("content", s.toString().strip());
    ObjectNode note = elements.addObject().put("tag", "note");
    note.putArray("elements").addObject().put("tag", "plain_text").put("content", d.footer());
    return root;
  }

  @Override
  protected boolean digestFits(ObjectNode payload) {
    // Room for the timestamp and signature added per attempt.
    return Utf8.length(payload.toString()) + 100 <= MAX_BODY_BYTES;
  }

  @Override
  protected HttpRequest request(ObjectNode body) {
    if (secret.isEmpty()) {
      return http.jsonPost(http.url(), body.toString());
    }
    long ts = http.options().clock().millis() / 1000;
    ObjectNode signed = JSON.createObjectNode();
    signed.put("timestamp", Long.toString(ts));
    signed.put("sign", Signatures.feishu(ts, secret.get()));
    signed.setAll(body);
    return http.jsonPost(http.url(), signed.toString());
  }

  @Override
  protected ResponseCheck check() {
    ResponseCheck httpCheck = ResponseCheck.httpStatus();
    return (status, body) -> {
      Integer code = codeIn(body, "code", "StatusCode");
      ResponseCheck.Verdict v = httpCheck.check(status, body);
      if (code != null && code == 11232) {
        // Feishu's "frequency limited", with HTTP 200 or 4xx.
        return new ResponseCheck.Verdict(
            ResponseCheck.Kind.RATE_LIMITED, "answered code 11232 (rate limit)");
      }
      if (v.kind() != ResponseCheck.Kind.OK || code == null || code == 0) {
        return v;
      }
      String detail = "answered code " + code;
      if (code == 19021) {
        detail += " (signature check failed: check the secret and clock)";
      }
      return new ResponseCheck.Verdict(ResponseCheck.Kind.PERMANENT, detail);
    };
  }
}
