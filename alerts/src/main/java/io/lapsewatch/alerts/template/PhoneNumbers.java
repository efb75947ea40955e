package io.lapsewatch.alerts.template;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds phone numbers in free text, in the formats people type (Chinese, North American, British
 * and other national or +international numbers, with spaces, dashes, dots or parentheses), and
 * masks them. Dates, amounts, percentages, decimals and identifiers such as {@code PO00003976-0}
 * are left alone; the rules are in the alerts README ("Personal data").
 */
final class PhoneNumbers {
  /**
   * A letter or digit that glues a number into a word or an identifier. Chinese, Japanese and
   * Korean letters do not: their text has no spaces, so {@code 电话13812345678请回电} is a number.
   */
  private static final String WORD =
      "[\\p{L}\\p{N}&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]]";

  private static final String GROUP_SEPARATOR = "(?:[ \\u00A0]?[-.][ \\u00A0]?|[ \\u00A0])";

  /**
   * A candidate: an optional {@code +country code} (and a British {@code (0)}), an optional area
   * code in parentheses, then digit groups joined by one separator each. It must not continue a
   * word or identifier ({@code AG-13812345678}, {@code v1.2}), nor go on as a decimal, a date-time,
   * a range or a percentage; which candidates are phone numbers {@link #isPhoneNumber} decides.
   */
  private static final Pattern CANDIDATE =
      Pattern.compile(
          "(?<!"
              + WORD
              + ")(?<!"
              + WORD
              + "[-_./#])(?<!\\d,)(?<!\\+)"
              + "(?:\\+\\d{1,3}(?:[ \\u00A0.\\-]?\\(0\\))?[ \\u00A0.\\-]?)?"
              + "(?:[(（]\\d{1,5}[)）][ \\u00A0.\\-]?)?"
              + "\\d{1,15}(?:"
              + GROUP_SEPARATOR
              + "\\d{1,15}){0,6}"
              + "(?!"
              + WORD
              + ")(?![-_./,:]\\d)(?![ \\u00A0]?%)");

  /**
   * Identity-card and bank-card numbers: 15 to 19 digits in one run, or a resident identity number
   * ending in the check letter X.
   */
  private static final Pattern LONG_ID =
      Pattern.compile("(?<!" + WORD + ")(?:\\d{17}[Xx]|\\d{15,19})(?!" + WORD + ")");

  private static final Pattern DATE =
      Pattern.compile(
          "(?:\\d{4}([-./ ])\\d{1,2}\\1\\d{1,2}|\\d{1,2}([-./ ])\\d{1,2}\\2\\d{4})"
              + "(?:[ \\u00A0](?:\\d{4}([-./])\\d{1,2}\\3\\d{1,2}))*");

  private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d\\d");

  /** {@code +44 }, {@code +1-}, {@code +1(}: a country code ended by a separator. */
  private static final Pattern WRITTEN_COUNTRY_CODE =
      Pattern.compile("^\\+(\\d{1,3})[ \\u00A0.\\-(]");

  /** A Chinese mobile number: 11 digits starting 13 to 19. */
  private static final Pattern CN_MOBILE = Pattern.compile("1[3-9]\\d{9}");

  private PhoneNumbers() {}

  /** {@code text} with every phone-number-like and long-id-like run masked. */
  static String scrub(String text) {
    String out = replace(LONG_ID.matcher(text), PersonalData::maskIdNumber);
    return replace(CANDIDATE.matcher(out), c -> isPhoneNumber(c) ? mask(c) : c);
  }

  private static String replace(Matcher m, UnaryOperator<String> f) {
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(f.apply(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Whether a candidate is a phone number and not a date, a year range, an amount grouped in
   * thousands or a decimal. Seven digits in one run are enough (a local number); with separators it
   * takes eight, so {@code 12-345-67} stays.
   */
  static boolean isPhoneNumber(String s) {
    int digits = countDigits(s);
    boolean plus = s.startsWith("+");
    boolean paren = s.indexOf('(') >= 0 || s.indexOf('（') >= 0;
    String[] groups = s.replaceFirst("^[^0-9]+", "").split("[^0-9]+");
    if (!plus && !paren && groups.length == 1) {
      return digits >= 7 && !isCompactDate(s);
    }
    if (digits < 8) {
      return false;
    }
    if (!plus && !paren) {
      if (DATE.matcher(s).matches() || allYears(groups) || isThousands(s, groups)) {
        return false;
      }
      if (groups.length == 2 && s.indexOf('.') >= 0) {
        // 1234.5678 is a decimal, not a number split by a dot.
        return false;
      }
    }
    // More than 15 digits is several numbers run together: still personal data, masked as one.
    return true;
  }

  /**
   * Keeps the country code (when written with +) and the last four digits; a Chinese mobile also
   * keeps its first three (the carrier's prefix, as Chinese apps show it); numbers shorter than
   * nine digits keep their last two: {@code +86 138-1234-5678 → +86 138****5678}, {@code (415)
   * 555-1234 → ******1234}.
   */
  static String mask(String phone) {
    String p = phone.strip();
    String digits = p.replaceAll("\\D", "");
    if (!p.startsWith("+")) {
      return maskNational(digits);
    }
    String cc = countryCode(p, digits);
    if (cc.isEmpty()) {
      return "+" + maskNational(digits);
    }
    return "+" + cc + " " + maskNational(digits.substring(cc.length()));
  }

  /** The national part of {@code phone}: its digits without a +country code. */
  static String nationalDigits(String phone) {
    String p = phone.strip();
    String digits = p.replaceAll("\\D", "");
    return p.startsWith("+") ? digits.substring(countryCode(p, digits).length()) : digits;
  }

  /**
   * The country code of an international number: the digits up to the first separator, or, when
   * written without one, the code of a Chinese, North American or British number of the right
   * length; empty when it cannot be told.
   */
  private static String countryCode(String p, String digits) {
    Matcher m = WRITTEN_COUNTRY_CODE.matcher(p);
    if (m.find()) {
      return m.group(1);
    }
    if (digits.startsWith("86") && digits.length() == 13) {
      return "86";
    }
    if (digits.startsWith("1") && digits.length() == 11) {
      return "1";
    }
    if (digits.startsWith("44") && digits.length() == 12) {
      return "44";
    }
    return "";
  }

  private static String maskNational(String digits) {
    int n = digits.length();
    if (CN_MOBILE.matcher(digits).matches()) {
      return digits.substring(0, 3) + "****" + digits.substring(n - 4);
    }
    if (n >= 9) {
      return "*".repeat(n - 4) + digits.substring(n - 4);
    }
    if (n <= 2) {
      return "*".repeat(n);
    }
    return "*".repeat(n - 2) + digits.substring(n - 2);
  }

  private static int countDigits(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        n++;
      }
    }
    return n;
  }

  /** 20250202: a date written without separators. */
  private static boolean isCompactDate(String s) {
    if (s.length() != 8 || !YEAR.matcher(s.substring(0, 4)).matches()) {
      return false;
    }
    int month = Integer.parseInt(s.substring(4, 6));
    int day = Integer.parseInt(s.substring(6, 8));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  /** 2024-2025, 2019 2020 2021: years, not a number. */
  private static boolean allYears(String[] groups) {
    for (String g : groups) {
      if (!YEAR.matcher(g).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * 12 345 678 or 12.345.678: an amount grouped in thousands (one separator throughout, a first
   * group of 1 to 3 digits not starting with 0, then groups of exactly 3).
   */
  private static boolean isThousands(String s, String[] groups) {
    String separators = s.replaceAll("[0-9]", "");
    if (separators.isEmpty() || !separators.chars().allMatch(c -> c == separators.charAt(0))) {
      return false;
    }
    if (separators.charAt(0) != ' ' && separators.charAt(0) != '.') {
      return false;
    }
    if (groups[0].length() > 3 || groups[0].startsWith("0")) {
      return false;
    }
    for (int i = 1; i < groups.length; i++) {
      if (groups[i].length() != 3) {
        return false;
      }
    }
    return true;
  }
}
