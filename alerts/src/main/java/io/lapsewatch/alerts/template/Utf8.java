package io.lapsewatch.alerts.template;

import java.nio.charset.StandardCharsets;

/** UTF-8 sizes and truncation that never splits a character (chat APIs limit bytes, not chars). */
public final class Utf8 {
  private Utf8() {}

  /** Bytes {@code s} takes in UTF-8. */
  public static int length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      n += bytes(cp);
      i += Character.charCount(cp);
    }
    return n;
  }

  /**
   * {@code s} if it fits in {@code maxBytes}; otherwise its longest prefix that fits together with
   * {@code marker} (e.g. "…"), cut between characters, followed by the marker.
   */
  public static String truncate(String s, int maxBytes, String marker) {
    if (length(s) <= maxBytes) {
      return s;
    }
    int budget = maxBytes - length(marker);
    if (budget < 0) {
      throw new IllegalArgumentException(
          "marker takes " + length(marker) + " bytes, more than the limit " + maxBytes);
    }
    int used = 0;
    int end = 0;
    while (end < s.length()) {
      int cp = s.codePointAt(end);
      int b = bytes(cp);
      if (used + b > budget) {
        break;
      }
      used += b;
      end += Character.charCount(cp);
    }
    return s.substring(0, end) + marker;
  }

  /** The bytes of {@code s}. */
  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int bytes(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    if (codePoint < 0x10000) {
      return 3;
    }
    return 4;
  }

  /**
   * {@code head + middle + tail} within {@code maxBytes}: when too long, the middle (e.g. the
   * reasons) is cut first, so the title, deadline, link and mentions survive; only if head and tail
   * alone are too long is the whole text cut.
   */
  public static String fit(String head, String middle, String tail, int maxBytes, String marker) {
    String whole = head + middle + tail;
    if (length(whole) <= maxBytes) {
      return whole;
    }
    int room = maxBytes - length(head) - length(tail);
    if (room >= length(marker)) {
      return head + truncate(middle, room, marker) + tail;
    }
    return truncate(whole, maxBytes, marker);
  }
}
