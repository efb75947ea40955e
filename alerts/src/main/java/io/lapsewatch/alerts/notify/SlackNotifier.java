package io.lapsewatch.alerts.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.alerts.template.DigestMessage;
import io.lapsewatch.alerts.template.Message;
import io.lapsewatch.alerts.template.MessageTemplates;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Slack incoming webhook: Block Kit blocks (header, fields, reasons, a button, a context line) with
 * a plain {@code text} fallback for notifications. The URL is the credential. Slack throttles to
 * about one message per second per channel and answers 429 with Retry-After.
 */
public final class SlackNotifier extends ChatNotifier {
  public static final String CHANNEL = "slack";

  /** Block Kit limits. */
  static final int MAX_BLOCKS = 50;

  static final int MAX_SECTION_CHARS = 3000;
  static final int MAX_HEADER_CHARS = 150;
  static final int MAX_FIELDS = 10;
  static final int MAX_FIELD_CHARS = 2000;

  public SlackNotifier(URI url, MessageTemplates templates, HttpOptions o) {
    super(CHANNEL, url, templates, o);
  }

  @Override
  protected ObjectNode messagePayload(Message m, EnrichedAlert alert) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", cut(m.title() + " — " + m.callToAction(), MAX_SECTION_CHARS));
    ArrayNode blocks = root.putArray("blocks");
    header(blocks, m.title());
    ObjectNode facts = blocks.addObject().put("type", "section");
    ArrayNode fields = facts.putArray("fields");
    for (Message.Fact f : m.facts().subList(0, Math.min(MAX_FIELDS, m.facts().size()))) {
      fields
          .addObject()
          .put("type", "mrkdwn")
          .put("text", cut("*" + escape(f.label()) + "*\n" + escape(f.value()), MAX_FIELD_CHARS));
    }
    section(blocks, "*" + escape(m.callToAction()) + "*");
    StringBuilder why = new StringBuilder("*").append(escape(m.reasonsLabel())).append("*");
    m.reasons().forEach(r -> why.append("\n• ").append(escape(r)));
    section(blocks, cut(why.toString(), MAX_SECTION_CHARS));
    m.link()
        .ifPresent(
            link -> {
              ObjectNode actions = blocks.addObject().put("type", "actions");
              ObjectNode button = actions.putArray("elements").addObject();
              button.put("type", "button");
              button.putObject("text").put("type", "plain_text").put("text", m.linkLabel());
              button.put("url", link);
            });
    context(blocks, m.footer());
    return root;
  }

  @Override
  protected ObjectNode digestPayload(DigestMessage d, List<EnrichedAlert> alerts) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", cut(d.title(), MAX_SECTION_CHARS));
    ArrayNode blocks = root.putArray("blocks");
    header(blocks, d.title());
    List<String> sections = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < d.lines().size(); i++) {
      String link = d.links().get(i);
      String line =
          "• "
              + (link.isEmpty()
                  ? escape(d.lines().get(i))
                  : "<" + link + "|" + escape(d.lines().get(i)) + ">");
      if (current.length() > 0 && current.length() + 1 + line.length() > MAX_SECTION_CHARS) {
        sections.add(current.toString());
        current.setLength(0);
      }
      if (current.length() > 0) {
        current.append('\n');
      }
      current.append(cut(line, MAX_SECTION_CHARS));
    }
    if (current.length() > 0) {
      sections.add(current.toString());
    }
    sections.forEach(s -> section(blocks, s));
    context(blocks, d.footer());
    return root;
  }

  @Override
  protected boolean digestFits(ObjectNode payload) {
    return payload.path("blocks").size() <= MAX_BLOCKS;
  }

  @Override
  protected ResponseCheck check() {
    // Slack answers 200 "ok", or 4xx with a word such as invalid_payload or channel_is_archived.
    return ResponseCheck.httpStatus();
  }

  private static void header(ArrayNode blocks, String text) {
    blocks
        .addObject()
        .put("type", "header")
        .putObject("text")
        .put("type", "plain_text")
        .put("text", cut(text, MAX_HEADER_CHARS));
  }

  private static void section(ArrayNode blocks, String mrkdwn) {
    blocks
        .addObject()
        .put("type", "section")
        .putObject("text")
        .put("type", "mrkdwn")
        .put("text", mrkdwn);
  }

  private static void context(ArrayNode blocks, String text) {
    blocks
        .addObject()
        .put("type", "context")
        .putArray("elements")
        .addObject()
        .put("type", "mrkdwn")
        .put("text", escape(text));
  }

  /** Slack's mrkdwn escaping: &amp;, &lt; and &gt; only; masked asterisks made inert. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\uFF0A");
  }

  private static String cut(String s, int maxChars) {
    if (s.length() <= maxChars) {
      return s;
    }
    int end = maxChars - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + CUT;
  }
}
