package io.lapsewatch.alerts.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The notification log in Redis: one string key per (alert, target), {@code claimed:<owner>} with a
 * short lease while a delivery is under way, then {@code sent:<epoch ms>} with a long TTL, or
 * {@code erased} after its policyholder was erased. Each step is one atomic command or script, so
 * two processes can never both claim a pair. A set per policyholder ({@code
 * <prefix>policyholder:<id>}, members {@code <alertId> NUL <target>}) indexes the pairs for erasure
 * and expires with them; the commands touch one key each, so a Redis Cluster works too.
 */
public final class RedisNotificationLog implements NotificationLog {
  /** Claims a free key, re-claims our own, or reports sent or busy; atomically. */
  private static final String CLAIM =
      "local v = redis.call('GET', KEYS[1]) "
          + "if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 'CLAIMED' end "
          + "if string.sub(v, 1, 5) == 'sent:' or v == 'erased' then return 'SENT' end "
          + "if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 'CLAIMED' end "
          + "return 'BUSY'";

  /** Deletes the key only while it still holds our claim. */
  private static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

  private final UnifiedJedis redis;
  private final boolean ownsClient;
  private final String prefix;
  private final Duration lease;
  private final Duration sentTtl;
  private final Clock clock;
  private final String owner;

  /**
   * @param prefix key prefix, e.g. {@code lw:notif:v1:}
   * @param lease how long a claim protects a delivery in progress; longer than the slowest delivery
   *     (retries included), short enough that a crash costs little delay
   * @param sentTtl how long a delivery is remembered; longer than alerts can be replayed
   * @param ownsClient close {@code redis} with this log
   */
  public RedisNotificationLog(
      UnifiedJedis redis,
      boolean ownsClient,
      String prefix,
      Duration lease,
      Duration sentTtl,
      Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.ownsClient = ownsClient;
    this.prefix = prefix;
    this.lease = lease;
    this.sentTtl = sentTtl;
    this.clock = clock;
    // Unique per process (and per log instance): a restarted service never mistakes an old
    // claim for its own.
    this.owner = "claimed:" + UUID.randomUUID();
  }

  /** Value of an erased pair: no time, nothing about the person; reads as "sent". */
  static final String ERASED = "erased";

  /** Separates alert id and target in an index member; neither can contain NUL. */
  private static final char SEPARATOR = '\u0000';

  String key(String alertId, String target) {
    return prefix + alertId + ":" + target;
  }

  String indexKey(String policyholderId) {
    return prefix + "policyholder:" + policyholderId;
  }

  @Override
  public void track(String policyholderId, String alertId, Collection<String> targets) {
    List<String> list = List.copyOf(targets);
    if (list.isEmpty()) {
      return;
    }
    List<Response<String>> values = new ArrayList<>(list.size());
    try (AbstractPipeline p = redis.pipelined()) {
      for (String t : list) {
        values.add(p.get(key(alertId, t)));
      }
      p.sync();
    }
    List<String> members = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      // A replay of an erased alert must not bring its policyholder back into the index.
      if (!ERASED.equals(values.get(i).get())) {
        members.add(alertId + SEPARATOR + list.get(i));
      }
    }
    if (members.isEmpty()) {
      return;
    }
    String index = indexKey(policyholderId);
    try (AbstractPipeline p = redis.pipelined()) {
      p.sadd(index, members.toArray(String[]::new));
      // Outlives every entry it points to: they expire at most sentTtl after their claim.
      p.pexpire(index, sentTtl.plus(lease).toMillis());
      p.sync();
    }
  }

  @Override
  public Set<String> erase(String policyholderId) {
    String index = indexKey(policyholderId);
    Set<String> members = redis.smembers(index);
    Set<String> alertIds = new TreeSet<>();
    if (!members.isEmpty()) {
      try (AbstractPipeline p = redis.pipelined()) {
        for (String m : members) {
          int sep = m.indexOf(SEPARATOR);
          String alertId = m.substring(0, sep);
          alertIds.add(alertId);
          // Markers first, the index last: a crash in between leaves the index for a retry.
          p.psetex(key(alertId, m.substring(sep + 1)), sentTtl.toMillis(), ERASED);
        }
        p.sync();
      }
    }
    redis.del(index);
    return alertIds;
  }

  @Override
  public Claim claim(String alertId, String target) {
    Object r =
        redis.eval(
            CLAIM, List.of(key(alertId, target)), List.of(owner, Long.toString(lease.toMillis())));
    String result = String.valueOf(r);
    switch (result) {
      case "CLAIMED":
        return Claim.CLAIMED;
      case "SENT":
        return Claim.ALREADY_SENT;
      case "BUSY":
        return Claim.IN_FLIGHT;
      default:
        throw new IllegalStateException("unexpected answer from the claim script: " + result);
    }
  }

  @Override
  public boolean isSent(String alertId, String target) {
    String v = redis.get(key(alertId, target));
    return v != null && (v.startsWith("sent:") || ERASED.equals(v));
  }

  @Override
  public void markSent(String alertId, String target) {
    redis.psetex(key(alertId, target), sentTtl.toMillis(), "sent:" + clock.millis());
  }

  @Override
  public void release(String alertId, String target) {
    redis.eval(RELEASE, List.of(key(alertId, target)), List.of(owner));
  }

  @Override
  public String describe() {
    return "Redis (lease " + lease.toMillis() + " ms, remembered " + sentTtl.toHours() + " h)";
  }

  @Override
  public void close() {
    if (ownsClient) {
      redis.close();
    }
  }
}
