package io.lapsewatch.modeltraining.trainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {
  private static boolean[] labels(int n, int positives) {
    boolean[] y = new boolean[n];
    for (int i = 0; i < positives; i++) {
      y[i * (n / positives)] = true;
    }
    return y;
  }

  @Test
  void foldsKeepTheLapseRate() {
    boolean[] y = labels(1000, 100);

    int[] folds = Splits.stratifiedFolds(y, 5, 42);

    for (int f = 0; f < 5; f++) {
      int[] in = Splits.rowsOfFold(folds, f, true);
      long pos = Arrays.stream(in).filter(i -> y[i]).count();
      assertThat(in).hasSize(200);
      assertThat(pos).isEqualTo(20);
    }
  }

  @Test
  void foldMembersAndTheRestPartitionTheRows() {
    int[] folds = Splits.stratifiedFolds(labels(103, 10), 4, 1);

    int[] in = Splits.rowsOfFold(folds, 2, true);
    int[] out = Splits.rowsOfFold(folds, 2, false);

    assertThat(IntStream.concat(Arrays.stream(in), Arrays.stream(out)).sorted().toArray())
        .isEqualTo(IntStream.range(0, 103).toArray());
  }

  @Test
  void holdoutIsStratifiedDisjointAndSeeded() {
    boolean[] y = labels(1000, 200);

    Splits.TwoWay a = Splits.stratifiedHoldout(y, 0.2, 9);
    Splits.TwoWay b = Splits.stratifiedHoldout(y, 0.2, 9);
    Splits.TwoWay c = Splits.stratifiedHoldout(y, 0.2, 10);

    assertThat(a.heldOut()).hasSize(200);
    assertThat(Arrays.stream(a.heldOut()).filter(i -> y[i]).count()).isEqualTo(40);
    assertThat(Arrays.stream(a.kept()).filter(i -> Arrays.binarySearch(a.heldOut(), i) >= 0))
        .isEmpty();
    assertThat(b.heldOut()).isEqualTo(a.heldOut());
    assertThat(c.heldOut()).isNotEqualTo(a.heldOut());
  }
}
