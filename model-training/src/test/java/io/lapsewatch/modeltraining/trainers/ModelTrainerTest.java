package io.lapsewatch.modeltraining.trainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ModelTrainerTest {

  private static String trainAndCapture(Hyperparameters p) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    ModelTrainer.train(p, SyntheticPolicies.draw(200, 3).dataset(), out);
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void logisticRegressionReportsEpochsAndASummary() {
    String log = trainAndCapture(new LogisticRegressionParams(10, 0.1, 1.0, 0, 1L));

    assertThat(log).contains("epoch 2/10: mean log-loss", "epoch 10/10");
    assertThat(log).contains("trained logistic regression on 200 rows x 4 features");
  }

  @Test
  void randomForestReportsTreesAsTheyGrow() {
    String log = trainAndCapture(new RandomForestParams(8, 4, 2f, 0.5f, 1L));

    assertThat(log).contains("growing tree 2/8", "growing tree 8/8", "trained random forest");
  }

  @Test
  void boostingAnnouncesItsRounds() {
    String log = trainAndCapture(new GradientBoostingParams(15, 0.1, 2, 1, 1.0, 1.0, 1.0, 0.0, 1L));

    assertThat(log).contains("boosting 15 rounds on 200 rows x 4 features", "trained gradient");
  }

  @Test
  void tribuoLoggingIsRestoredAfterTraining() {
    Logger tribuo = Logger.getLogger("org.tribuo");
    boolean before = tribuo.getUseParentHandlers();
    int handlers = tribuo.getHandlers().length;

    trainAndCapture(new LogisticRegressionParams(2, 0.1, 0.0, 0, 1L));

    assertThat(tribuo.getUseParentHandlers()).isEqualTo(before);
    assertThat(tribuo.getHandlers()).hasSize(handlers);
  }
}
