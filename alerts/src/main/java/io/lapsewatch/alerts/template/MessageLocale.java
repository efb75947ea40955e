package io.lapsewatch.alerts.template;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The languages alert messages are written in. */
public enum MessageLocale {
  ZH_CN("zh-CN"),
  EN("en");

  private final String tag;

  MessageLocale(String tag) {
    this.tag = tag;
  }

  /** The BCP 47 tag, e.g. {@code zh-CN}. */
  public String tag() {
    return tag;
  }

  /**
   * Parses a tag case-insensitively ({@code zh-CN}, {@code zh_cn}, {@code en}, {@code en-US}).
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static MessageLocale parse(String value) {
    String v = value.strip().replace('_', '-').toLowerCase(Locale.ROOT);
    if (v.equals("zh") || v.equals("zh-cn") || v.equals("zh-hans")) {
      return ZH_CN;
    }
    if (v.equals("en") || v.startsWith("en-")) {
      return EN;
    }
    throw new IllegalArgumentException(
        "unknown locale '"
            + value
            + "'; expected one of "
            + Arrays.stream(values()).map(MessageLocale::tag).collect(Collectors.joining(", ")));
  }
}
