package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The no-loss comparison: lost, duplicate and unexpected ids; missing and differing hashes. */
class RunComparisonTest {

  @Test
  void identicalRunsMatch() {
    RunComparison.Ids ids = RunComparison.ids(List.of("a", "b", "c"), List.of("c", "a", "b"));

    assertThat(ids.matches()).isTrue();
    assertThat(ids.expected()).isEqualTo(3);
    assertThat(ids.present()).isEqualTo(3);
    assertThat(ids.duplicates()).isZero();
  }

  @Test
  void repeatsOfAnIdAreDuplicatesNotADifference() {
    // At-least-once output replays what followed the last checkpoint.
    RunComparison.Ids ids = RunComparison.ids(List.of("a", "b"), List.of("a", "b", "b", "a", "b"));

    assertThat(ids.matches()).isTrue();
    assertThat(ids.records()).isEqualTo(5);
    assertThat(ids.duplicates()).isEqualTo(3);
    assertThat(ids.lost()).isEmpty();
  }

  @Test
  void anIdMissingFromTheRunIsLostEvenWhenOthersRepeat() {
    RunComparison.Ids ids = RunComparison.ids(List.of("a", "b", "c"), List.of("a", "a", "c"));

    assertThat(ids.matches()).isFalse();
    assertThat(ids.lost()).containsExactly("b");
    assertThat(ids.present()).isEqualTo(2);
    assertThat(ids.duplicates()).isEqualTo(1);
  }

  @Test
  void theReferenceCountsEachIdOnceAndExtraIdsAreUnexpected() {
    RunComparison.Ids ids = RunComparison.ids(List.of("a", "a", "b"), List.of("a", "b", "z", "y"));

    assertThat(ids.expected()).isEqualTo(2);
    assertThat(ids.unexpected()).containsExactly("y", "z");
    assertThat(ids.lost()).isEmpty();
    assertThat(ids.matches()).isFalse();
  }

  @Test
  void hashesAreComparedFieldByField() {
    Map<String, Map<String, String>> reference =
        Map.of(
            "lw:f:v1:{A}", Map.of("_asof", "10", "p30", "2"),
            "lw:f:v1:{B}", Map.of("_asof", "20", "p30", "1"),
            "lw:f:v1:{C}", Map.of("_asof", "30"));
    Map<String, Map<String, String>> run =
        Map.of(
            "lw:f:v1:{A}", Map.of("p30", "2", "_asof", "10"),
            "lw:f:v1:{B}", Map.of("_asof", "20", "p30", "1", "extra", "0"),
            "lw:f:v1:{D}", Map.of("_asof", "40"));

    RunComparison.Hashes h = RunComparison.hashes(reference, run);

    assertThat(h.expected()).isEqualTo(3);
    assertThat(h.equal()).isEqualTo(1);
    assertThat(h.differing()).containsExactly("lw:f:v1:{B}");
    assertThat(h.missing()).containsExactly("lw:f:v1:{C}");
    assertThat(h.unexpected()).containsExactly("lw:f:v1:{D}");
    assertThat(h.matches()).isFalse();
    assertThat(RunComparison.hashes(reference, reference).matches()).isTrue();
  }

  @Test
  void samplesAreShortened() {
    assertThat(RunComparison.sample(List.of("a", "b", "c"), 2)).isEqualTo(" e.g. a, b, ...");
    assertThat(RunComparison.sample(List.of(), 2)).isEmpty();
  }
}
