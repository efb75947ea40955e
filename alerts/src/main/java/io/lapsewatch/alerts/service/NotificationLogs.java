package io.lapsewatch.alerts.service;

import io.lapsewatch.alerts.delivery.InMemoryNotificationLog;
import io.lapsewatch.alerts.delivery.NotificationLog;
import io.lapsewatch.alerts.delivery.RedisNotificationLog;
import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.featurestore.store.RedisSettings;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/** Opens the notification log the settings ask for: Redis, or in memory without a URL. */
final class NotificationLogs {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationLogs.class);

  private NotificationLogs() {}

  static NotificationLog open(AlertsServiceConfig.NotificationLogSettings s) {
    if (s.redisUrl().isEmpty()) {
      LOG.warn(
          "No redis.url: the notification log is in memory, so alerts replayed after a restart"
              + " may be notified twice");
      return new InMemoryNotificationLog(s.lease(), s.ttl(), Clock.systemUTC());
    }
    RedisSettings redis =
        RedisSettings.parse(s.redisUrl().get(), s.redisPassword().orElse(null), false);
    UnifiedJedis client = RedisConnections.open(redis);
    try {
      // Fail at startup, not on the first alert, when Redis is unreachable or the password wrong.
      client.ping();
    } catch (RuntimeException e) {
      client.close();
      throw new IllegalStateException(
          "notification log: cannot reach Redis at " + redis + ": " + e.getMessage(), e);
    }
    return new RedisNotificationLog(
        client, true, s.keyPrefix(), s.lease(), s.ttl(), Clock.systemUTC());
  }
}
