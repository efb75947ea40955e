package io.lapsewatch.modeltraining.uplift;

import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import java.nio.file.Files;
import java.util.Locale;

/**
 * Regenerates the golden uplift model {@link GoldenUpliftModelTest} checks: a two-model learner on
 * small logistic regressions trained on {@link SyntheticUpliftWorld} (seed 21), and the uplift of
 * 20 probe rows. Run from {@code model-training} only when a format change is intended: {@code java
 * -cp ... GoldenUpliftModelGenerator}.
 */
final class GoldenUpliftModelGenerator {
  private GoldenUpliftModelGenerator() {}

  public static void main(String[] args) throws Exception {
    UpliftModel model =
        new TwoModelLearner(new LogisticRegressionParams(10, 0.1, 10.0, 0, 21L))
            .train(SyntheticUpliftWorld.draw(600, 0.5, 21).data());
    UpliftModelStore.saveTo(model, GoldenUpliftModelTest.DIR);
    StringBuilder sb = new StringBuilder("engagement,complaints,tenure,uplift\n");
    for (double[] x : SyntheticUpliftWorld.draw(20, 0.5, 22).data().features()) {
      // %s of a double is its shortest exact decimal, so parsing it back gives the same value.
      sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", x[0], x[1], x[2], model.uplift(x)));
    }
    Files.writeString(GoldenUpliftModelTest.EXPECTED, sb.toString());
  }
}
