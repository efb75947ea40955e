package io.lapsewatch.flinkjobs.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.featurestore.features.FeatureVector;
import org.junit.jupiter.api.Test;

/** The feature-age limit: whole seconds, strictly over the limit, unknown never held. */
class FeatureFreshnessTest {
  @Test
  void shouldHoldOnlyWhatIsOverTheLimit() {
    FeatureFreshness limit = new FeatureFreshness(60);

    assertThat(limit.tooOld(60 * 86_400L)).isFalse();
    assertThat(limit.tooOld(60 * 86_400L + 1)).isTrue();
    assertThat(limit.tooOld(null)).isFalse();
    assertThat(FeatureFreshness.unlimited().tooOld(Long.MAX_VALUE)).isFalse();
  }

  @Test
  void shouldMeasureTheAgeFromTheNewestEvent() {
    FeatureVector v = new FeatureVector();
    v.asOf = 10_000_999;
    assertThat(FeatureFreshness.ageSeconds(v)).isNull();
    v.newestEventAt = 1_000_000;
    assertThat(FeatureFreshness.ageSeconds(v)).isEqualTo(9_000L);
    v.newestEventAt = v.asOf + 5_000;
    assertThat(FeatureFreshness.ageSeconds(v)).as("never negative").isZero();
  }

  @Test
  void shouldNameABadLimit() {
    assertThatThrownBy(() -> new FeatureFreshness(-1))
        .hasMessageContaining("decision.max-feature-age-days")
        .hasMessageContaining("-1");
  }
}
