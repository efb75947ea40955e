package io.lapsewatch.retentiondesk;

import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Which desk instance writes an escalation step: the first to claim the step's event id in Redis.
 * The event id alone already makes the step effectively once in the case (the fold applies it
 * once); the claim keeps two instances from both telling the lead and counting it. A claim expires,
 * so a step whose claimer died before committing (or before telling) is taken by another instance
 * later; a "told" marker ends the offers of a step's notice.
 */
final class EscalationClaims {
  private final UnifiedJedis redis;
  private final String prefix;
  private final String instanceId;
  private final Duration ttl;

  EscalationClaims(UnifiedJedis redis, String prefix, String instanceId, Duration ttl) {
    this.redis = redis;
    this.prefix = prefix;
    this.instanceId = instanceId;
    this.ttl = ttl;
  }

  /** How long a step's "told" marker stays: longer than any case stays open after a step. */
  static final Duration TOLD_FOR = Duration.ofDays(120);

  /** True when some instance handled the notice of step {@code eventId}. */
  boolean told(String eventId) {
    return redis.exists(prefix + "escalation-told:" + eventId);
  }

  /** Records that the notice of step {@code eventId} was handled: no instance offers it again. */
  void markTold(String eventId) {
    redis.set(
        prefix + "escalation-told:" + eventId,
        instanceId,
        SetParams.setParams().px(TOLD_FOR.toMillis()));
  }

  /** True when this instance holds (or just took) the claim on {@code eventId}. */
  boolean claim(String eventId) {
    String key = prefix + "escalation-claim:" + eventId;
    String set = redis.set(key, instanceId, SetParams.setParams().nx().px(ttl.toMillis()));
    // Our own earlier claim (a failed append last scan) stays ours, so we retry it.
    return "OK".equals(set) || instanceId.equals(redis.get(key));
  }
}
