package io.lapsewatch.featurestore.events;

/**
 * The one rule for identifiers in every LapseWatch contract (policyholder, policy, agent, event and
 * alert ids): 1 to {@value #MAX_LENGTH} characters, each an ASCII letter or digit or one of {@code
 * - _ . : @}. Ids are compared exactly (case-sensitive, no trimming or normalisation).
 *
 * <p>Why so narrow: an id becomes a Kafka key, part of a Redis key ({@code lw:f:v1:{id}}), a
 * notification-log key and a link parameter. Anything that two systems might read differently is
 * refused rather than repaired: controls and ANSI codes (they rewrite a terminal), whitespace
 * (trimmed by some tools, not by others), bidi overrides (shown reversed), lone surrogates (become
 * {@code ?} in UTF-8, merging two ids into one), non-ASCII letters (look-alikes and Unicode
 * normalisation forms), and braces (they would end the Redis Cluster hash tag early).
 */
public final class Ids {
  /** Longest id, in characters (equal to bytes: ids are ASCII). */
  public static final int MAX_LENGTH = 128;

  /** Reason code of a record whose id breaks the rule. */
  public static final String INVALID_ID = "invalid_id";

  /** The rule in words, for messages and documentation. */
  public static final String RULE =
      "ids are 1-" + MAX_LENGTH + " characters of A-Z a-z 0-9 and - _ . : @";

  private static final boolean[] ALLOWED = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ALLOWED[c] = true;
      ALLOWED[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      ALLOWED[c] = true;
    }
    for (char c : "-_.:@".toCharArray()) {
      ALLOWED[c] = true;
    }
  }

  private Ids() {}

  /** True when {@code id} follows the rule. */
  public static boolean isValid(String id) {
    if (id == null) {
      return false;
    }
    int n = id.length();
    if (n == 0 || n > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c >= 128 || !ALLOWED[c]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks the id in {@code field}.
   *
   * @throws InvalidRecordException with reason {@value #INVALID_ID}, naming the field, the first
   *     offending character and the value escaped
   */
  public static String require(String field, String id) throws InvalidRecordException {
    if (!isValid(id)) {
      throw new InvalidRecordException(INVALID_ID, violation(field, id));
    }
    return id;
  }

  /** Why {@code id} breaks the rule, naming {@code field}; only call for an invalid id. */
  static String violation(String field, String id) {
    String prefix = "field '" + field + "' is not a valid id: ";
    if (id == null || id.isEmpty()) {
      return prefix + "it is empty; " + RULE;
    }
    if (id.length() > MAX_LENGTH) {
      return prefix + id.length() + " characters, limit " + MAX_LENGTH + "; " + RULE;
    }
    int i = 0;
    while (i < id.length() && id.charAt(i) < 128 && ALLOWED[id.charAt(i)]) {
      i++;
    }
    char c = id.charAt(i);
    return prefix
        + Printable.quote(id)
        + " has "
        + String.format("U+%04X", (int) c)
        + " ("
        + kind(c)
        + ") at index "
        + i
        + "; "
        + RULE;
  }

  private static String kind(char c) {
    if (Character.isISOControl(c)) {
      return "a control character";
    }
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return "whitespace";
    }
    if (Character.isSurrogate(c)) {
      return "a surrogate: not ASCII, and alone it is not even a character";
    }
    if (Character.getType(c) == Character.FORMAT) {
      return "an invisible formatting character, e.g. a bidi override";
    }
    return c < 128 ? "not allowed in ids" : "not ASCII";
  }
}
