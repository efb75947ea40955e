package io.lapsewatch.retentiondesk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic ids of cases and their events: the same alert always opens the same case with the
 * same event, and the same request always records the same result, so replays and retries collapse
 * into one change. Each id is a prefix and 24 hex digits (96 bits) of a SHA-256 over what makes the
 * change unique, so ids stay short and follow the {@code Ids} rule whatever the inputs.
 */
public final class CaseIds {
  private CaseIds() {}

  /** The case a treated alert opens. */
  public static String caseFor(String alertId) {
    return "case-" + digest("case", alertId);
  }

  /** The OPENED event of the case {@code alertId} opens. */
  public static String openedEvent(String alertId) {
    return "ce-" + digest("opened", alertId);
  }

  /** The result recorded on {@code caseId} by request {@code requestId}. */
  public static String resultEvent(String caseId, String requestId) {
    return "ce-" + digest("result", caseId, requestId);
  }

  /** The reassignment of {@code caseId} by request {@code requestId}. */
  public static String reassignedEvent(String caseId, String requestId) {
    return "ce-" + digest("reassigned", caseId, requestId);
  }

  /** The expiry of {@code caseId}: a case expires at most once. */
  public static String expiredEvent(String caseId) {
    return "ce-" + digest("expired", caseId);
  }

  /** The erasure of {@code caseId}: a case is erased at most once. */
  public static String erasedEvent(String caseId) {
    return "ce-" + digest("erased", caseId);
  }

  /**
   * Escalation {@code level} of {@code caseId}: each level happens at most once per case, so two
   * instances scanning at once, or a restart mid-scan, write the same event.
   */
  public static String escalatedEvent(String caseId, int level) {
    return "ce-" + digest("escalated", caseId, Integer.toString(level));
  }

  /** The {@code policy-events} event that reports case event {@code caseEventId}. */
  public static String policyEvent(String caseEventId) {
    return "desk-" + digest("policy-event", caseEventId);
  }

  private static String digest(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        // A separator that no id contains, so ("a", "bc") and ("ab", "c") differ.
        sha.update(p.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
