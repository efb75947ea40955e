package io.lapsewatch.featurestore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisSettingsTest {
  @Test
  void singleNodeIsStandalone() {
    RedisSettings s = RedisSettings.parse("redis://10.0.0.5:6379", null, false);

    assertThat(s.nodes()).containsExactly("10.0.0.5:6379");
    assertThat(s.cluster()).isFalse();
    assertThat(s.tls()).isFalse();
    assertThat(s.password()).isNull();
  }

  @Test
  void severalNodesMeanCluster() {
    RedisSettings s =
        RedisSettings.parse("redis://10.0.0.1:7000,10.0.0.2:7000, 10.0.0.3:7000", null, false);

    assertThat(s.cluster()).isTrue();
    assertThat(s.nodes()).containsExactly("10.0.0.1:7000", "10.0.0.2:7000", "10.0.0.3:7000");
  }

  @Test
  void clusterFlagMakesASingleSeedACluster() {
    assertThat(RedisSettings.parse("redis://10.0.0.1:7000", null, true).cluster()).isTrue();
  }

  @Test
  void redissSchemeMeansTls() {
    RedisSettings s = RedisSettings.parse("rediss://cache.example.com:6380", null, false);

    assertThat(s.tls()).isTrue();
    assertThat(s.toString()).startsWith("rediss://");
  }

  @Test
  void userAndPasswordComeFromTheUrl() {
    RedisSettings s = RedisSettings.parse("redis://lapsewatch:s3cret@cache:6379", "ignored", false);

    assertThat(s.user()).isEqualTo("lapsewatch");
    assertThat(s.password()).isEqualTo("s3cret");
    assertThat(s.nodes()).containsExactly("cache:6379");
  }

  @Test
  void passwordWithoutUserComesFromTheUrl() {
    RedisSettings s = RedisSettings.parse("redis://:s3cret@cache:6379", null, false);

    assertThat(s.user()).isNull();
    assertThat(s.password()).isEqualTo("s3cret");
  }

  @Test
  void separatePasswordIsUsedWhenTheUrlHasNone() {
    assertThat(RedisSettings.parse("redis://cache:6379", "from-secret-store", false).password())
        .isEqualTo("from-secret-store");
  }

  @Test
  void toStringHidesThePassword() {
    RedisSettings s = RedisSettings.parse("rediss://lapsewatch:s3cret@cache:6380", null, false);

    assertThat(s.toString()).doesNotContain("s3cret").contains("cache:6380").contains("(auth)");
  }

  @Test
  void unknownSchemeIsRejectedNamingTheValue() {
    assertThatThrownBy(() -> RedisSettings.parse("http://cache:6379", null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis.url")
        .hasMessageContaining("http://cache:6379");
  }

  @Test
  void rejectedUrlNeverShowsItsPassword() {
    assertThatThrownBy(() -> RedisSettings.parse("http://app:s3cret@cache:6379", null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cache:6379")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void nodeWithoutPortIsRejectedNamingIt() {
    assertThatThrownBy(() -> RedisSettings.parse("redis://cache-a:7000,cache-b", null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'cache-b'");
  }

  @Test
  void localPointsAtLoopback() {
    assertThat(RedisSettings.local(6390).nodes()).containsExactly("127.0.0.1:6390");
  }
}
