package io.lapsewatch.retentiondesk.web;

/**
 * HTML building blocks of the desk's pages: escaping and the page frame. Every value that reaches a
 * page goes through {@link #escape}, so a note or a reason text can never become markup.
 */
public final class Html {
  /** Path of the desk's one stylesheet, served by the desk itself (no outside style or script). */
  public static final String STYLESHEET = "/desk/static/desk.css";

  private Html() {}

  /** {@code text} safe inside an element or a double-quoted attribute; null as "". */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A whole page: mobile viewport, the desk's stylesheet, {@code title} (escaped here) and {@code
   * body} (already HTML).
   */
  public static String page(Lang lang, String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\""
        + lang.tag()
        + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"referrer\" content=\"same-origin\">"
        + "<title>"
        + escape(title)
        + "</title><link rel=\"stylesheet\" href=\""
        + STYLESHEET
        + "\"></head><body>"
        + body
        + "</body></html>\n";
  }
}
