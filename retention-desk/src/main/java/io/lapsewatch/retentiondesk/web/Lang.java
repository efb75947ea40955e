package io.lapsewatch.retentiondesk.web;

import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/** The languages the desk's pages speak: Simplified Chinese and English. */
public enum Lang {
  ZH_CN("zh-CN"),
  EN("en");

  /** Query parameter that picks a language over the browser's preference. */
  public static final String PARAM = "lang";

  private final String tag;

  Lang(String tag) {
    this.tag = tag;
  }

  /** The BCP 47 tag, as in {@code <html lang>}. */
  public String tag() {
    return tag;
  }

  /** {@code zh} when this is Chinese, else {@code en}: picks one of two texts. */
  public String pick(String zh, String en) {
    return this == ZH_CN ? zh : en;
  }

  /**
   * The language of a request: {@code ?lang=zh-CN|en} if given, else the first of Chinese or
   * English in {@code Accept-Language}, else Chinese (the agents' usual phone language).
   */
  public static Lang of(Request request, String langParam) {
    if (langParam != null) {
      String p = langParam.toLowerCase(Locale.ROOT);
      if (p.startsWith("en")) {
        return EN;
      }
      if (p.startsWith("zh")) {
        return ZH_CN;
      }
    }
    String accept = request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE);
    if (accept != null) {
      for (String part : accept.split(",")) {
        String tag = part.trim().toLowerCase(Locale.ROOT);
        if (tag.startsWith("zh")) {
          return ZH_CN;
        }
        if (tag.startsWith("en")) {
          return EN;
        }
      }
    }
    return ZH_CN;
  }
}
