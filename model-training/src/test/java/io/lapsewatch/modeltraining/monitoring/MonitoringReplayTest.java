package io.lapsewatch.modeltraining.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitoringReplayTest {
  static final int DAY0 = 20_000;

  @Test
  void eachDayCountsTheTermsOfItsWindowIncludingThoseBeforeThePeriod() {
    List<MonitoredTerm> terms = new ArrayList<>();
    for (int day = DAY0; day < DAY0 + 10; day++) {
      for (int k = 0; k < day - DAY0 + 1; k++) {
        terms.add(MonitoringWindowTest.scoredOn(day, 0.3, k, 1));
      }
    }
    // Out of order on purpose: the replay sorts by day.
    java.util.Collections.reverse(terms);
    List<ModelHealth> days =
        MonitoringReplay.daily(terms, ReferenceProfileTest.sample(), 3, 1, DAY0 + 5, DAY0 + 9);
    assertThat(days)
        .extracting(ModelHealth::day)
        .containsExactly(DAY0 + 5, DAY0 + 6, DAY0 + 7, DAY0 + 8, DAY0 + 9);
    // Day d holds the terms of d-2, d-1 and d: (d-2-DAY0+1) + (d-1-DAY0+1) + (d-DAY0+1).
    assertThat(days).extracting(ModelHealth::scoredTerms).containsExactly(15, 18, 21, 24, 27);
  }

  @Test
  void periodMustNotEndBeforeItStarts() {
    assertThatThrownBy(
            () ->
                MonitoringReplay.daily(
                    List.of(), ReferenceProfileTest.sample(), 3, 1, DAY0 + 1, DAY0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends");
  }
}
