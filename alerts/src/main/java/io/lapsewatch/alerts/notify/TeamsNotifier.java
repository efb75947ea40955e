package io.lapsewatch.alerts.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.alerts.template.DigestMessage;
import io.lapsewatch.alerts.template.Message;
import io.lapsewatch.alerts.template.MessageTemplates;
import io.lapsewatch.alerts.template.Utf8;
import java.net.URI;
import java.util.List;

/**
 * Microsoft Teams through a Workflows (Power Automate) webhook: a {@code message} whose attachment
 * is an Adaptive Card 1.2 (title, fact set, reasons, an Open URL action). The old Office 365
 * connectors are retired; the workflow URL is the credential.
 */
public final class TeamsNotifier extends ChatNotifier {
  public static final String CHANNEL = "teams";

  /** Teams refuses cards above about 28 KB. */
  public static final int MAX_BODY_BYTES = 28_000;

  public TeamsNotifier(URI url, MessageTemplates templates, HttpOptions o) {
    super(CHANNEL, url, templates, o);
  }

  @Override
  protected ObjectNode messagePayload(Message m, EnrichedAlert alert) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode card = envelope(root);
    ArrayNode body = card.putArray("body");
    ObjectNode title = text(body, m.title()).put("weight", "Bolder").put("size", "Medium");
    if (m.urgent()) {
      title.put("color", "Attention");
    }
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    m.facts()
        .forEach(f -> facts.addObject().put("title", f.label()).put("value", clean(f.value())));
    text(body, m.callToAction()).put("weight", "Bolder");
    text(body, m.reasonsLabel()).put("weight", "Bolder");
    StringBuilder why = new StringBuilder();
    m.reasons().forEach(r -> why.append("- ").append(clean(r)).append('\n'));
    text(body, Utf8.truncate(why.toString().strip(), 16_000, CUT));
    text(body, m.footer()).put("isSubtle", true).put("size", "Small");
    m.link()
        .ifPresent(
            link ->
                card.putArray("actions")
                    .addObject()
                    .put("type", "Action.OpenUrl")
                    .put("title", m.linkLabel())
                    .put("url", link));
    return root;
  }

  @Override
  protected ObjectNode digestPayload(DigestMessage d, List<EnrichedAlert> alerts) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode card = envelope(root);
    ArrayNode body = card.putArray("body");
    text(body, d.title()).put("weight", "Bolder").put("size", "Medium");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < d.lines().size(); i++) {
      String link = d.links().get(i);
      String line = clean(d.lines().get(i));
      s.append("- ").append(link.isEmpty() ? line : "[" + line + "](" + link + ")").append('\n');
    }
    text(body, s.toString().strip());
    text(body, d.footer()).put("isSubtle", true).put("size", "Small");
    return root;
  }

  @Override
  protected boolean digestFits(ObjectNode payload) {
    return Utf8.length(payload.toString()) <= MAX_BODY_BYTES;
  }

  @Override
  protected ResponseCheck check() {
    // Workflows answer 202 Accepted; errors are plain HTTP statuses.
    return ResponseCheck.httpStatus();
  }

  private static ObjectNode envelope(ObjectNode root) {
    root.put("type", "message");
    ObjectNode attachment = root.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.set("contentUrl", NullNode.getInstance());
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.2");
    return card;
  }

  private static ObjectNode text(ArrayNode body, String text) {
    return body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
  }
}
