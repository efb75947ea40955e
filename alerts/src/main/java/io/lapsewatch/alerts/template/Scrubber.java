package io.lapsewatch.alerts.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one pass that takes personal data out of free text (reason texts, model version, branch and
 * region) before any notifier shows it: first the alert's own personal values wherever they occur
 * (its policyholder's name, phone, email and id number from the attributes), then anything shaped
 * like an identity-card number, an email address or a phone number. Each notifier applies it once
 * per field; scrubbing scrubbed text again changes nothing.
 */
public final class Scrubber {
  /** A scrubber that knows no personal values: patterns only, for logs and error messages. */
  public static final Scrubber PATTERNS = new Scrubber(List.of());

  static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"'()]+@[^\\s@<>\"'()]+\\.[A-Za-z]{2,}");

  /** Names shorter than this are not searched for in free text: one character is every word. */
  private static final int MIN_NAME_CODE_POINTS = 2;

  /** Fewer digits than this say too little to find a known number in other text. */
  private static final int MIN_PHONE_DIGITS = 5;

  private static final String WORD_BOUNDARY_BEFORE = "(?<![\\p{L}\\p{N}])";
  private static final String WORD_BOUNDARY_AFTER = "(?![\\p{L}\\p{N}])";
  private static final String SPACE = "[\\s\\u00A0]";

  private final List<KnownValue> known;

  private Scrubber(List<KnownValue> known) {
    this.known = List.copyOf(known);
  }

  /**
   * A scrubber that also masks the personal values among an alert's attributes wherever they recur
   * in free text, in any letter case or spacing: {@code policyholderName=Zhang San} masks {@code
   * zhang san} in a reason text too.
   */
  public static Scrubber forAttributes(Map<String, String> attributes) {
    List<KnownValue> known = new ArrayList<>();
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String v = e.getValue();
      if (v == null || v.isBlank()) {
        continue;
      }
      PersonalData.Kind kind = PersonalData.Kind.ofAttribute(e.getKey());
      Pattern p =
          switch (kind) {
            case NAME -> namePattern(v.strip());
            case PHONE -> phonePattern(v);
            case EMAIL, ID_NUMBER -> literalPattern(v.strip());
            case NONE -> null;
          };
      if (p != null) {
        known.add(new KnownValue(p, s -> PersonalData.mask(kind, s), v.strip().length()));
      }
    }
    // The longest first, so a name that contains another is masked whole.
    known.sort(Comparator.comparingInt(KnownValue::length).reversed());
    return known.isEmpty() ? PATTERNS : new Scrubber(known);
  }

  /** {@code text} without personal data; {@code null} stays {@code null}. */
  public String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (KnownValue k : known) {
      out = replace(k.pattern().matcher(out), k.mask());
    }
    out = replace(EMAIL.matcher(out), PersonalData::maskEmail);
    return PhoneNumbers.scrub(out);
  }

  private static String replace(Matcher m, UnaryOperator<String> mask) {
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(mask.apply(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * A name in any case and spacing: the words of a Latin name as whole words, in the given order or
   * the reverse ({@code San Zhang}); the characters of a Chinese name with or without spaces.
   */
  private static Pattern namePattern(String name) {
    if (name.codePointCount(0, name.length()) < MIN_NAME_CODE_POINTS) {
      return null;
    }
    int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    if (name.matches(".*\\p{IsLatin}.*")) {
      List<String> words = List.of(name.split("\\s+"));
      String forward = String.join(SPACE + "+", words.stream().map(Pattern::quote).toList());
      List<String> reversed = new ArrayList<>(words);
      Collections.reverse(reversed);
      String backward = String.join(SPACE + "+", reversed.stream().map(Pattern::quote).toList());
      return Pattern.compile(
          WORD_BOUNDARY_BEFORE + "(?:" + forward + "|" + backward + ")" + WORD_BOUNDARY_AFTER,
          flags);
    }
    String compact = name.replaceAll("\\s+", "");
    List<String> chars = compact.codePoints().mapToObj(Character::toString).toList();
    return Pattern.compile(
        String.join(SPACE + "*", chars.stream().map(Pattern::quote).toList()), flags);
  }

  /** A number's national digits with any separators between them. */
  private static Pattern phonePattern(String phone) {
    String digits = PhoneNumbers.nationalDigits(phone);
    if (digits.length() < MIN_PHONE_DIGITS) {
      return null;
    }
    List<String> each = digits.chars().mapToObj(Character::toString).toList();
    return Pattern.compile(
        "(?<!\\d)(?:\\+\\d{1,3}[ \\u00A0.\\-]?)?"
            + String.join("[ \\u00A0.\\-()（）]*", each)
            + "(?!\\d)");
  }

  private static Pattern literalPattern(String value) {
    return Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private record KnownValue(Pattern pattern, UnaryOperator<String> mask, int length) {}
}
