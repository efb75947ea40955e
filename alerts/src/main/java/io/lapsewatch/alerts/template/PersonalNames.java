package io.lapsewatch.alerts.template;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masks a person's name: a name in Chinese characters keeps its surname ({@code 张三 → 张*}, {@code
 * 欧阳娜娜 → 欧阳**}); a name in Latin letters keeps only the initials of its words ({@code Zhang San →
 * Z. S.}), whichever order surname and given name are written in.
 */
final class PersonalNames {
  /**
   * Two-character surnames, simplified and traditional. A name of three or more characters that
   * starts with one keeps both; a two-character name keeps one, since {@code 欧阳} alone may as well
   * be surname 欧 and given name 阳.
   */
  private static final Set<String> COMPOUND_SURNAMES =
      Set.of(
          "欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "尉迟", "尉遲", "公孙", "公孫", "慕容",
          "长孙", "長孫", "宇文", "司徒", "司空", "夏侯", "轩辕", "軒轅", "令狐", "钟离", "鍾離", "闻人", "聞人", "澹台", "濮阳",
          "濮陽", "淳于", "单于", "單于", "太叔", "申屠", "公冶", "宗政", "端木", "南宫", "南宮", "西门", "西門", "百里", "呼延",
          "独孤", "獨孤", "赫连", "赫連", "万俟", "萬俟", "拓跋", "第五", "东郭", "東郭", "羊舌", "左丘", "梁丘", "谷梁", "穀梁",
          "公羊", "仲孙", "仲孫", "亓官", "司寇", "巫马", "巫馬", "段干", "鲜于", "鮮于", "闾丘", "閭丘", "乐正", "樂正");

  /** Separators inside a transliterated foreign name: {@code 约翰·史密斯}. */
  private static final Pattern MIDDLE_DOT = Pattern.compile("[\\u00B7\\u30FB\\u2022\\uFF0E]");

  private static final Pattern LATIN = Pattern.compile(".*\\p{IsLatin}.*");

  private PersonalNames() {}

  static String mask(String name) {
    String n = name.strip();
    if (n.isEmpty()) {
      return n;
    }
    if (LATIN.matcher(n).matches()) {
      return initials(n);
    }
    if (MIDDLE_DOT.matcher(n).find()) {
      // A foreign name written in Chinese: the given name comes first, so each part keeps its
      // first character, like the initials of a Latin name.
      StringBuilder s = new StringBuilder();
      for (String part : n.split("\\s*" + MIDDLE_DOT.pattern() + "\\s*", -1)) {
        if (s.length() > 0) {
          s.append('·');
        }
        s.append(keepFirst(part, 1));
      }
      return s.toString();
    }
    String[] words = n.split("\\s+");
    if (words.length == 1) {
      boolean compound =
          n.codePointCount(0, n.length()) >= 3 && COMPOUND_SURNAMES.contains(n.substring(0, 2));
      return keepFirst(n, compound ? 2 : 1);
    }
    // 张 三, 山田 太郎: the first word is the surname.
    StringBuilder s = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      s.append(' ').append("*".repeat(words[i].codePointCount(0, words[i].length())));
    }
    return s.toString();
  }

  /** The first {@code keep} characters, then one asterisk per further character (at least one). */
  private static String keepFirst(String word, int keep) {
    if (word.isEmpty()) {
      return word;
    }
    int end = word.offsetByCodePoints(0, Math.min(keep, word.codePointCount(0, word.length())));
    int rest = word.codePointCount(end, word.length());
    return word.substring(0, end) + "*".repeat(Math.max(rest, 1));
  }

  /**
   * {@code Zhang San → Z. S.}, {@code Jean-Luc Picard → J.-L. P.}, {@code O'Brien → O.}: the first
   * letter of each word and of each hyphenated part, each followed by a dot.
   */
  private static String initials(String name) {
    StringBuilder s = new StringBuilder();
    for (String word : name.split("\\s+")) {
      if (s.length() > 0) {
        s.append(' ');
      }
      String[] parts = word.split("-");
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          s.append('-');
        }
        int first = firstLetter(parts[i]);
        if (first >= 0) {
          s.appendCodePoint(parts[i].codePointAt(first)).append('.');
        }
      }
    }
    return s.toString();
  }

  private static int firstLetter(String part) {
    for (int i = 0; i < part.length(); i = part.offsetByCodePoints(i, 1)) {
      if (Character.isLetter(part.codePointAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
