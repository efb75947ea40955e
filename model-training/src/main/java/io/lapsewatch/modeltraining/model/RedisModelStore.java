package io.lapsewatch.modeltraining.model;

import io.lapsewatch.featurestore.store.RedisConnections;
import io.lapsewatch.featurestore.store.RedisSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Published models in Redis, so a job on a cluster needs no shared file system: {@code
 * lw:model:current} names the version, {@code lw:model:{v}:model} and {@code lw:model:{v}:meta}
 * hold the two files. The model bytes are written before the pointer moves.
 */
public final class RedisModelStore implements ModelSource {
  static final String CURRENT = "lw:model:current";

  private final UnifiedJedis jedis;

  public RedisModelStore(UnifiedJedis jedis) {
    this.jedis = jedis;
  }

  public static RedisModelStore open(RedisSettings settings) {
    return new RedisModelStore(RedisConnections.open(settings));
  }

  static byte[] modelKey(String version) {
    return ("lw:model:{" + version + "}:model").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] metaKey(String version) {
    return ("lw:model:{" + version + "}:meta").getBytes(StandardCharsets.UTF_8);
  }

  /** Copies a registry version into Redis and makes it current. */
  public void publish(ModelRegistry registry, String version) throws IOException {
    ChurnModel.load(registry.versionDir(version)); // refuse to publish what cannot be served
    byte[] model = Files.readAllBytes(registry.versionDir(version).resolve(ChurnModel.MODEL_FILE));
    byte[] meta =
        Files.readAllBytes(registry.versionDir(version).resolve(ChurnModel.METADATA_FILE));
    jedis.set(modelKey(version), model);
    jedis.set(metaKey(version), meta);
    jedis.set(CURRENT, version);
  }

  @Override
  public Optional<String> currentVersion() {
    return Optional.ofNullable(jedis.get(CURRENT));
  }

  @Override
  public ChurnModel load(String version) throws IOException {
    byte[] model = jedis.get(modelKey(version));
    byte[] meta = jedis.get(metaKey(version));
    if (model == null || meta == null) {
      throw new IOException("model version '" + version + "' is not in Redis");
    }
    return ChurnModel.load(model, meta);
  }

  @Override
  public void close() {
    jedis.close();
  }
}
