package io.lapsewatch.alerts.template;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data before it reaches a chat group, an email or a log: a name keeps the surname
 * only ({@code 张三 → 张*}, {@code John Smith → J* Smith}), a phone number its first three and last
 * four digits ({@code 13812341234 → 138****1234}), an email address its first letter and domain.
 */
public final class PersonalData {
  /**
   * Phone-number-like text: an international number (+ and a country code), a Chinese mobile number
   * with or without separators, or any run of 7 or more digits. Dates and amounts do not match.
   */
  private static final Pattern PHONE_LIKE =
      Pattern.compile(
          "\\+\\d{1,3}[ \\-]?\\d[\\d \\-]{5,}\\d|1[3-9]\\d[ \\-]?\\d{4}[ \\-]?\\d{4}|\\d{7,}");

  private static final Pattern EMAIL =
      Pattern.compile("[^\\s@<>\"']+@[^\\s@<>\"']+\\.[A-Za-z]{2,}");

  private PersonalData() {}

  /** What kind of personal data an attribute holds, judged by its name. */
  public enum Kind {
    NAME,
    PHONE,
    EMAIL,
    ID_NUMBER,
    NONE;

    /** {@code policyholderName → NAME}, {@code agentMobile → PHONE}, {@code branch → NONE}. */
    public static Kind ofAttribute(String key) {
      String k = key.toLowerCase(Locale.ROOT);
      if (k.contains("phone") || k.contains("mobile")) {
        return PHONE;
      }
      if (k.contains("email") || k.contains("mail")) {
        return EMAIL;
      }
      if (k.contains("idnumber") || k.contains("id-number") || k.contains("id_number")) {
        return ID_NUMBER;
      }
      if (k.endsWith("name")) {
        return NAME;
      }
      return NONE;
    }
  }

  /** {@code value} masked as its attribute {@code key} demands; unchanged when not personal. */
  public static String maskAttribute(String key, String value) {
    if (value == null) {
      return null;
    }
    switch (Kind.ofAttribute(key)) {
      case NAME:
        return maskName(value);
      case PHONE:
        return maskPhone(value);
      case EMAIL:
        return maskEmail(value);
      case ID_NUMBER:
        return maskIdNumber(value);
      default:
        return value;
    }
  }

  /**
   * Keeps the surname: a name written without spaces (Chinese, Japanese, Korean) keeps its first
   * character and masks each further one; a Latin name keeps the last word (the surname) and the
   * initial of the others.
   */
  public static String maskName(String name) {
    String n = name.strip();
    if (n.isEmpty()) {
      return n;
    }
    String[] words = n.split("\\s+");
    if (words.length == 1) {
      int first = n.offsetByCodePoints(0, 1);
      int rest = n.codePointCount(first, n.length());
      return n.substring(0, first) + "*".repeat(Math.max(rest, 1));
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < words.length - 1; i++) {
      String w = words[i];
      s.append(w, 0, w.offsetByCodePoints(0, 1)).append("* ");
    }
    return s.append(words[words.length - 1]).toString();
  }

  /**
   * Keeps the country code (if written with +), the first three and the last four digits of the
   * national number and masks the rest: {@code +86 138-1234-1234 → +86 138****1234}. Numbers too
   * short for that keep their last two digits only.
   */
  public static String maskPhone(String phone) {
    String p = phone.strip();
    String prefix = "";
    String digits;
    if (p.startsWith("+")) {
      String[] parts = p.substring(1).split("[\\s\\-]", 2);
      if (parts.length == 2 && parts[0].matches("\\d{1,3}")) {
        prefix = "+" + parts[0] + " ";
        digits = parts[1].replaceAll("\\D", "");
      } else {
        digits = p.replaceAll("\\D", "");
      }
    } else {
      digits = p.replaceAll("\\D", "");
    }
    if (digits.length() >= 9) {
      return prefix
          + digits.substring(0, 3)
          + "*".repeat(digits.length() - 7)
          + digits.substring(digits.length() - 4);
    }
    if (digits.length() <= 2) {
      return prefix + "*".repeat(digits.length());
    }
    return prefix + "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2);
  }

  /** {@code zhang.san@example.com → z***@example.com}. */
  public static String maskEmail(String email) {
    String e = email.strip();
    int at = e.lastIndexOf('@');
    if (at <= 0) {
      return "***";
    }
    return e.substring(0, e.offsetByCodePoints(0, 1)) + "***" + e.substring(at);
  }

  /** Keeps the last four characters: {@code 110101199003071234 → **************1234}. */
  public static String maskIdNumber(String id) {
    String s = id.strip();
    if (s.length() <= 4) {
      return "*".repeat(s.length());
    }
    return "*".repeat(s.length() - 4) + s.substring(s.length() - 4);
  }

  /**
   * Masks anything in free text that looks like a phone number or an email address: for log lines
   * and error messages quoting a response, which must never carry a full phone number.
   */
  public static String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = EMAIL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(maskEmail(m.group())));
    }
    m.appendTail(out);
    Matcher p = PHONE_LIKE.matcher(out.toString());
    StringBuilder out2 = new StringBuilder();
    while (p.find()) {
      p.appendReplacement(out2, Matcher.quoteReplacement(maskPhone(p.group())));
    }
    p.appendTail(out2);
    return out2.toString();
  }
}
