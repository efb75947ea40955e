package io.lapsewatch.retentiondesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.policy.ReasonText;
import io.lapsewatch.featurestore.features.Feature;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TalkingPointsTest {
  @Test
  void shouldHaveItsOwnTalkingPointForEveryFeatureTheJobGivesAsAReason() {
    Arrays.stream(Feature.values())
        .filter(ReasonText::isBusinessReason)
        .forEach(
            f ->
                assertThat(TalkingPoints.forFeature(f.key()))
                    .as(f.key())
                    .isNotEqualTo(TalkingPoints.GENERIC));
  }

  @Test
  void shouldFallBackToTheGenericPointForAnUnknownFeature() {
    assertThat(TalkingPoints.forFeature("premium_missed_90d")).isEqualTo(TalkingPoints.GENERIC);
    assertThat(TalkingPoints.forFeature(null)).isEqualTo(TalkingPoints.GENERIC);
  }

  @Test
  void shouldSpeakBothLanguagesAndIgnoreTheKeysCase() {
    TalkingPoints.TalkingPoint p = TalkingPoints.forFeature("OPEN_COMPLAINTS");
    assertThat(p).isEqualTo(TalkingPoints.forFeature("open_complaints"));
    assertThat(p.in(Lang.ZH_CN)).contains("投诉").isEqualTo(p.zh());
    assertThat(p.in(Lang.EN)).contains("complaint").isEqualTo(p.en());
  }

  @Test
  void shouldNeverQuoteTheDataBack() {
    // Talking points are fixed sentences: no digits that could be a policyholder's numbers.
    Arrays.stream(Feature.values())
        .map(f -> TalkingPoints.forFeature(f.key()))
        .forEach(p -> assertThat(p.zh() + p.en()).doesNotContainPattern("[0-9]"));
  }
}
