package io.lapsewatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JourneyStepsTest {
  private static final String TAKEN = "taken|standard-renewal|1|renewal-offer|treated";
  private static final String ENTERED = "entered|standard-renewal|1|-|treated";
  private static final String EXITED = "exited|standard-renewal|1|risk_fallen|treated";

  @Test
  void countsThatAddUpAcrossTheRestartAreConsistent() {
    Map<String, Long> ref = Map.of(TAKEN, 10L, EXITED, 8L);
    // The first run counted 7, of which 1 after the checkpoint; the restored run the other 4.
    assertThat(
            JourneySteps.inconsistent(
                ref, Map.of(TAKEN, 7L, EXITED, 5L), Map.of(TAKEN, 4L, EXITED, 3L)))
        .isEmpty();
  }

  @Test
  void aStepLostOrTakenTwiceByTheRestoredRunIsNamed() {
    Map<String, Long> ref = Map.of(TAKEN, 10L);
    assertThat(JourneySteps.inconsistent(ref, Map.of(TAKEN, 5L), Map.of(TAKEN, 4L)))
        .containsExactly(TAKEN + " reference 10, first run 5, restored run 4");
    assertThat(JourneySteps.inconsistent(ref, Map.of(TAKEN, 5L), Map.of(TAKEN, 11L))).hasSize(1);
    assertThat(JourneySteps.inconsistent(ref, Map.of(), Map.of("skipped|p|1|s|treated", 1L)))
        .hasSize(2);
  }

  @Test
  void journeysOpenAtTheCheckpointAreTheRestoredRunsExitsWithoutEntries() {
    // Reference: 10 entered, 9 exited (1 open at the end). Restored: 4 entered, 6 exited.
    Map<String, Long> ref = Map.of(ENTERED, 10L, EXITED, 9L);
    Map<String, Long> restored = Map.of(ENTERED, 4L, EXITED, 6L);
    assertThat(JourneySteps.carriedOver(ref, restored)).isEqualTo(3);
    assertThat(JourneySteps.total(ref, "entered")).isEqualTo(10);
  }
}
