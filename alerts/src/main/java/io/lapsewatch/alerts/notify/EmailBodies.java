package io.lapsewatch.alerts.notify;

import io.lapsewatch.alerts.template.DigestMessage;
import io.lapsewatch.alerts.template.Message;

/** The plain text and HTML bodies of alert emails. */
final class EmailBodies {
  private EmailBodies() {}

  static String text(Message m) {
    StringBuilder s = new StringBuilder(m.title()).append("\n\n");
    m.facts().forEach(f -> s.append(f.label()).append(": ").append(f.value()).append('\n'));
    s.append('\n').append(m.callToAction()).append("\n\n");
    s.append(m.reasonsLabel()).append(":\n");
    m.reasons().forEach(r -> s.append("  - ").append(r).append('\n'));
    m.link()
        .ifPresent(l -> s.append('\n').append(m.linkLabel()).append(": ").append(l).append('\n'));
    s.append("\n-- \n").append(m.footer()).append('\n');
    return s.toString();
  }

  static String html(Message m) {
    StringBuilder s = new StringBuilder();
    s.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>");
    s.append("<body style=\"font-family:sans-serif\">");
    s.append("<h2 style=\"color:")
        .append(m.urgent() ? "#b00020" : "#8a5300")
        .append("\">")
        .append(esc(m.title()))
        .append("</h2>");
    s.append("<table cellpadding=\"4\">");
    m.facts()
        .forEach(
            f ->
                s.append("<tr><th align=\"left\">")
                    .append(esc(f.label()))
                    .append("</th><td>")
                    .append(esc(f.value()))
                    .append("</td></tr>"));
    s.append("</table>");
    s.append("<p><strong>").append(esc(m.callToAction())).append("</strong></p>");
    s.append("<h3>").append(esc(m.reasonsLabel())).append("</h3><ul>");
    m.reasons().forEach(r -> s.append("<li>").append(esc(r)).append("</li>"));
    s.append("</ul>");
    m.link()
        .ifPresent(
            l ->
                s.append("<p><a href=\"")
                    .append(esc(l))
                    .append("\">")
                    .append(esc(m.linkLabel()))
                    .append("</a></p>"));
    s.append("<p style=\"color:#777;font-size:small\">").append(esc(m.footer())).append("</p>");
    s.append("</body></html>");
    return s.toString();
  }

  static String text(DigestMessage d) {
    StringBuilder s = new StringBuilder(d.title()).append("\n\n");
    for (int i = 0; i < d.lines().size(); i++) {
      s.append("  - ").append(d.lines().get(i));
      if (!d.links().get(i).isEmpty()) {
        s.append("  ").append(d.links().get(i));
      }
      s.append('\n');
    }
    s.append("\n-- \n").append(d.footer()).append('\n');
    return s.toString();
  }

  static String html(DigestMessage d) {
    StringBuilder s = new StringBuilder();
    s.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>");
    s.append("<body style=\"font-family:sans-serif\"><h2>")
        .append(esc(d.title()))
        .append("</h2><ul>");
    for (int i = 0; i < d.lines().size(); i++) {
      String link = d.links().get(i);
      s.append("<li>");
      if (link.isEmpty()) {
        s.append(esc(d.lines().get(i)));
      } else {
        s.append("<a href=\"")
            .append(esc(link))
            .append("\">")
            .append(esc(d.lines().get(i)))
            .append("</a>");
      }
      s.append("</li>");
    }
    s.append("</ul><p style=\"color:#777;font-size:small\">")
        .append(esc(d.footer()))
        .append("</p></body></html>");
    return s.toString();
  }

  /** HTML escaping of text and attribute values. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
