package io.lapsewatch.alerts.template;

import java.util.Locale;

/**
 * Masks personal data before it reaches a chat group, an email or a log: a name keeps the surname
 * of a Chinese name ({@code 张三 → 张*}) or the initials of a Latin one ({@code Zhang San → Z. S.}), a
 * phone number its last four digits ({@code (415) 555-1234 → ******1234}; a Chinese mobile also its
 * first three, {@code 138****5678}), an email address its first letter and domain. Free text goes
 * through {@link Scrubber}.
 */
public final class PersonalData {
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
    return mask(Kind.ofAttribute(key), value);
  }

  /** {@code value} masked as personal data of {@code kind}; unchanged for {@link Kind#NONE}. */
  public static String mask(Kind kind, String value) {
    return switch (kind) {
      case NAME -> maskName(value);
      case PHONE -> maskPhone(value);
      case EMAIL -> maskEmail(value);
      case ID_NUMBER -> maskIdNumber(value);
      case NONE -> value;
    };
  }

  /**
   * A Chinese name keeps its surname, two characters for a compound surname ({@code 张三 → 张*},
   * {@code 欧阳娜娜 → 欧阳**}); a Latin name keeps the initial of each word ({@code Zhang San → Z. S.},
   * {@code Mary Ann Lee → M. A. L.}).
   */
  public static String maskName(String name) {
    return PersonalNames.mask(name);
  }

  /**
   * Keeps the country code (if written with +) and the last four digits; a Chinese mobile number
   * also keeps its first three: {@code +86 138-1234-5678 → +86 138****5678}, {@code 020 7946 0958 →
   * *******0958}. Numbers shorter than nine digits keep their last two only.
   */
  public static String maskPhone(String phone) {
    return PhoneNumbers.mask(phone);
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
   * Masks anything in free text that looks like a phone number, an identity-card number or an email
   * address: for log lines and error messages quoting a response, which must never carry a full
   * phone number. Notifiers use {@link Scrubber#forAttributes}, which also knows the alert's own
   * personal values.
   */
  public static String scrub(String text) {
    return Scrubber.PATTERNS.scrub(text);
  }
}
