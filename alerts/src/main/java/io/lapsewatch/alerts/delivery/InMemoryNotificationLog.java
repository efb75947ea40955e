package io.lapsewatch.alerts.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notification log in this process's memory: deduplicates replays within one run only. Used
 * when no Redis is configured (the service warns), and by tests.
 */
public final class InMemoryNotificationLog implements NotificationLog {
  /** {@code erased} entries count as sent, so a replay of an erased alert is never delivered. */
  private record Entry(boolean sent, Instant expires, boolean erased) {
    Entry(boolean sent, Instant expires) {
      this(sent, expires, false);
    }
  }

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** Entry keys of each policyholder's alerts, for erasure. */
  private final ConcurrentHashMap<String, Set<String>> byPolicyholder = new ConcurrentHashMap<>();

  private final Duration lease;
  private final Duration sentTtl;
  private final Clock clock;

  public InMemoryNotificationLog(Duration lease, Duration sentTtl, Clock clock) {
    this.lease = lease;
    this.sentTtl = sentTtl;
    this.clock = clock;
  }

  private static String key(String alertId, String target) {
    return alertId + "\u0000" + target;
  }

  @Override
  public void track(String policyholderId, String alertId, Collection<String> targets) {
    Instant now = clock.instant();
    for (String t : targets) {
      String k = key(alertId, t);
      Entry e = entries.get(k);
      // A replay of an erased alert must not bring its policyholder back into the index.
      if (e == null || !e.erased() || !e.expires().isAfter(now)) {
        byPolicyholder.computeIfAbsent(policyholderId, p -> ConcurrentHashMap.newKeySet()).add(k);
      }
    }
  }

  @Override
  public Set<String> erase(String policyholderId) {
    Set<String> keys = byPolicyholder.remove(policyholderId);
    Set<String> alertIds = new TreeSet<>();
    if (keys != null) {
      Instant expires = clock.instant().plus(sentTtl);
      for (String k : keys) {
        alertIds.add(k.substring(0, k.indexOf('\u0000')));
        entries.put(k, new Entry(true, expires, true));
      }
    }
    return alertIds;
  }

  @Override
  public Claim claim(String alertId, String target) {
    Instant now = clock.instant();
    Claim[] result = new Claim[1];
    entries.compute(
        key(alertId, target),
        (k, e) -> {
          if (e != null && e.expires().isAfter(now)) {
            // One process: a live claim is our own (a retry after an interruption).
            result[0] = e.sent() ? Claim.ALREADY_SENT : Claim.CLAIMED;
            return e.sent() ? e : new Entry(false, now.plus(lease));
          }
          result[0] = Claim.CLAIMED;
          return new Entry(false, now.plus(lease));
        });
    return result[0];
  }

  @Override
  public boolean isSent(String alertId, String target) {
    Entry e = entries.get(key(alertId, target));
    return e != null && e.sent() && e.expires().isAfter(clock.instant());
  }

  @Override
  public void markSent(String alertId, String target) {
    entries.put(key(alertId, target), new Entry(true, clock.instant().plus(sentTtl)));
  }

  @Override
  public void release(String alertId, String target) {
    entries.computeIfPresent(key(alertId, target), (k, e) -> e.sent() ? e : null);
  }

  @Override
  public String describe() {
    return "in memory (no Redis configured: replays after a restart are not deduplicated)";
  }
}
