package io.lapsewatch.featurestore.store;

import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/** Opens a Jedis client for standalone Redis or Redis Cluster from {@link RedisSettings}. */
public final class RedisConnections {
  private RedisConnections() {}

  public static UnifiedJedis open(RedisSettings settings) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(settings.timeoutMillis())
            .socketTimeoutMillis(settings.timeoutMillis())
            .ssl(settings.tls())
            .clientName("lapsewatch");
    if (settings.password() != null) {
      config.password(settings.password());
    }
    if (settings.user() != null) {
      config.user(settings.user());
    }
    JedisClientConfig clientConfig = config.build();
    if (settings.cluster()) {
      Set<HostAndPort> seeds = new LinkedHashSet<>();
      for (String node : settings.nodes()) {
        seeds.add(HostAndPort.from(node));
      }
      return RedisClusterClient.builder().nodes(seeds).clientConfig(clientConfig).build();
    }
    return RedisClient.builder()
        .hostAndPort(HostAndPort.from(settings.nodes().get(0)))
        .clientConfig(clientConfig)
        .build();
  }
}
