package io.lapsewatch.alerts.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.alerts.template.DigestMessage;
import io.lapsewatch.alerts.template.Message;
import io.lapsewatch.alerts.template.MessageLocale;
import io.lapsewatch.alerts.template.MessageTemplates;
import io.lapsewatch.alerts.template.Utf8;
import java.net.URI;
import java.util.List;

/**
 * WeCom (企业微信) group robot: {@code markdown} messages of at most 4096 bytes (mentions as {@code
 * <@userid>}), or {@code text} messages of at most 2048 bytes with {@code mentioned_list} and
 * {@code mentioned_mobile_list}. The key in the URL is the credential.
 */
public final class WeComNotifier extends ChatNotifier {
  public static final String CHANNEL = "wecom";

  /** Markdown content limit (larger content is refused with errcode 40058). */
  public static final int MARKDOWN_MAX_BYTES = 4096;

  /** Text content limit. */
  public static final int TEXT_MAX_BYTES = 2048;

  /** Which WeCom message type to send. */
  public enum MsgType {
    MARKDOWN,
    TEXT
  }

  private final MsgType msgType;
  private final Mentions mentions;

  /**
   * @throws IllegalArgumentException when markdown is asked to mention mobiles or everyone (only
   *     text messages can)
   */
  public WeComNotifier(
      URI url, MessageTemplates templates, MsgType msgType, Mentions mentions, HttpOptions o) {
    super(CHANNEL, url, templates, o);
    if (msgType == MsgType.MARKDOWN && (!mentions.mobiles().isEmpty() || mentions.all())) {
      throw new IllegalArgumentException(
          "wecom markdown messages can mention user ids only; use msgtype text to mention"
              + " mobiles or everyone");
    }
    this.msgType = msgType;
    this.mentions = mentions;
  }

  @Override
  protected ObjectNode messagePayload(Message m, EnrichedAlert alert) {
    Mentions.Resolved who = mentions.resolve(alert, EnrichedAlert.AGENT_WECOM_USER_ID);
    String sep = templates.locale() == MessageLocale.ZH_CN ? "：" : ": ";
    ObjectNode root = JSON.createObjectNode();
    if (msgType == MsgType.TEXT) {
      StringBuilder head = new StringBuilder(m.title()).append('\n');
      m.facts().forEach(f -> head.append(f.label()).append(sep).append(f.value()).append('\n'));
      head.append(m.callToAction()).append('\n');
      StringBuilder middle = new StringBuilder(m.reasonsLabel()).append(sep).append('\n');
      m.reasons().forEach(r -> middle.append("- ").append(r).append('\n'));
      StringBuilder tail = new StringBuilder();
      m.link().ifPresent(l -> tail.append(m.linkLabel()).append(sep).append(l).append('\n'));
      tail.append(m.footer());
      root.put("msgtype", "text");
      ObjectNode text = root.putObject("text");
      text.put(
          "content",
          Utf8.fit(head.toString(), middle.toString(), tail.toString(), TEXT_MAX_BYTES, CUT));
      if (!who.userIds().isEmpty() || who.all()) {
        ArrayNode list = text.putArray("mentioned_list");
        who.userIds().forEach(list::add);
        if (who.all()) {
          list.add("@all");
        }
      }
      if (!who.mobiles().isEmpty()) {
        ArrayNode list = text.putArray("mentioned_mobile_list");
        who.mobiles().forEach(list::add);
      }
      return root;
    }
    StringBuilder head = new StringBuilder();
    head.append(
            m.urgent()
                ? "<font color=\"warning\">**" + clean(m.title()) + "**</font>"
                : "**" + clean(m.title()) + "**")
        .append('\n');
    m.facts()
        .forEach(
            f ->
                head.append("> ")
                    .append(clean(f.label()))
                    .append(sep)
                    .append(clean(f.value()))
                    .append('\n'));
    head.append("**").append(clean(m.callToAction())).append("**\n");
    StringBuilder middle = new StringBuilder(clean(m.reasonsLabel())).append(sep).append('\n');
    m.reasons().forEach(r -> middle.append("- ").append(clean(r)).append('\n'));
    StringBuilder tail = new StringBuilder();
    m.link()
        .ifPresent(
            l -> tail.append('[').append(m.linkLabel()).append("](").append(l).append(")\n"));
    if (!who.userIds().isEmpty()) {
      who.userIds().forEach(id -> tail.append("<@").append(clean(id)).append("> "));
      tail.append('\n');
    }
    tail.append("<font color=\"comment\">").append(clean(m.footer())).append("</font>");
    root.put("msgtype", "markdown");
    root.putObject("markdown")
        .put(
            "content",
            Utf8.fit(head.toString(), middle.toString(), tail.toString(), MARKDOWN_MAX_BYTES, CUT));
    return root;
  }

  @Override
  protected ObjectNode digestPayload(DigestMessage d, List<EnrichedAlert> alerts) {
    ObjectNode root = JSON.createObjectNode();
    String content = digestContent(d);
    if (msgType == MsgType.TEXT) {
      root.put("msgtype", "text");
      root.putObject("text").put("content", Utf8.truncate(content, TEXT_MAX_BYTES, CUT));
    } else {
      root.put("msgtype", "markdown");
      root.putObject("markdown").put("content", Utf8.truncate(content, MARKDOWN_MAX_BYTES, CUT));
    }
    return root;
  }

  private String digestContent(DigestMessage d) {
    boolean md = msgType == MsgType.MARKDOWN;
    StringBuilder s = new StringBuilder();
    s.append(md ? "**" + clean(d.title()) + "**" : d.title()).append('\n');
    for (int i = 0; i < d.lines().size(); i++) {
      String line = md ? clean(d.lines().get(i)) : d.lines().get(i);
      String link = d.links().get(i);
      s.append("- ").append(line);
      if (!link.isEmpty()) {
        s.append(md ? " [↗](" + link + ")" : " " + link);
      }
      s.append('\n');
    }
    s.append(md ? "<font color=\"comment\">" + clean(d.footer()) + "</font>" : d.footer());
    return s.toString();
  }

  @Override
  protected boolean digestFits(ObjectNode payload) {
    String content =
        msgType == MsgType.TEXT
            ? payload.path("text").path("content").asText()
            : payload.path("markdown").path("content").asText();
    // A digest that had to be cut does not fit: its last alerts would be lost.
    int limit = msgType == MsgType.TEXT ? TEXT_MAX_BYTES : MARKDOWN_MAX_BYTES;
    return !content.endsWith(CUT) && Utf8.length(content) <= limit;
  }

  @Override
  protected ResponseCheck check() {
    return errcodeCheck(
        (code, detail) ->
            code == 45009
                ? new ResponseCheck.Verdict(
                    ResponseCheck.Kind.RATE_LIMITED, detail + " (rate limit)")
                : null);
  }
}
