package io.lapsewatch.cli;

import com.icegreen.greenmail.util.GreenMail;
import io.lapsewatch.embedded.WebhookReceiver;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signed case links the delivered messages carry, as an agent's phone would find them: in chat
 * payloads (DingTalk actionCard button or markdown, WeCom markdown, Slack button) and in emails.
 * One link per case: every message of an alert carries the same one.
 */
final class DemoCaseLinks {
  /** {@code <base>/desk/cases/<caseId>?t=<expiry>.<signature>}, in any channel's text. */
  static final Pattern LINK =
      Pattern.compile(
          "(https?://[A-Za-z0-9.:\\[\\]-]+)/desk/cases/([A-Za-z0-9_.:@-]+)\\?t=([0-9]+\\.[A-Za-z0-9_-]+)");

  private DemoCaseLinks() {}

  /** The case links in {@code text}, by case id, in order of appearance. */
  static Map<String, URI> in(String text) {
    Map<String, URI> links = new LinkedHashMap<>();
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      links.putIfAbsent(m.group(2), URI.create(m.group()));
    }
    return links;
  }

  /** Every case link delivered to the chat receiver's paths and the SMTP server, by case id. */
  static Map<String, URI> delivered(WebhookReceiver chat, GreenMail smtp) {
    Map<String, URI> links = new LinkedHashMap<>();
    for (WebhookReceiver.Request r : chat.requests()) {
      in(r.body()).forEach(links::putIfAbsent);
    }
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      in(emailText(mail)).forEach(links::putIfAbsent);
    }
    return links;
  }

  /** The decoded text of every text part of {@code mail} (its transfer encoding undone). */
  static String emailText(Part mail) {
    try {
      Object content = mail.getContent();
      if (content instanceof String s) {
        return s;
      }
      if (content instanceof Multipart parts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.getCount(); i++) {
          BodyPart part = parts.getBodyPart(i);
          b.append(emailText(part)).append('\n');
        }
        return b.toString();
      }
      return "";
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException("a delivered email could not be read: " + e.getMessage(), e);
    }
  }
}
