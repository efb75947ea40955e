package io.lapsewatch.modeltraining.tabular;

import io.lapsewatch.modeltraining.trainers.LogisticRegressionParams;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Regenerates the golden model in {@code src/test/resources/golden/} from {@code policies.csv}
 * there, and prints the values {@link GoldenModelTest} expects. Run it only when a change is meant
 * to alter how models are trained or saved, then paste the printed values into the test:
 *
 * <pre>
 * ./mvnw -o -q test-compile -pl model-training
 * java -cp model-training/target/test-classes:model-training/target/classes:$(./mvnw -q -o \
 *   dependency:build-classpath -Dmdep.outputFile=/dev/stdout -pl model-training) \
 *   io.lapsewatch.modeltraining.tabular.GoldenModelGenerator model-training/src/test/resources/golden
 * </pre>
 */
public final class GoldenModelGenerator {
  /** The fixed configuration of the golden model (independent of today's defaults). */
  static final LogisticRegressionParams PARAMS = new LogisticRegressionParams(10, 0.1, 1.0, 3, 7L);

  private GoldenModelGenerator() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "model-training/src/test/resources/golden");
    Path csv = dir.resolve("policies.csv");
    CsvTable all = CsvReader.read(csv, ',');
    CsvTable train = all.select(IntStream.range(0, 120).toArray(), "golden train");
    CsvTable test = all.select(IntStream.range(120, all.size()).toArray(), "golden test");
    TabularTraining.Settings settings =
        new TabularTraining.Settings(
            new LabelSpec("lapsed", "Yes"), Set.of("policy_id"), PARAMS, false, 5, 0.25, 0.2, 7L);
    PrintStream out = System.out;
    TabularTraining.Outcome o = TabularTraining.run(train, test, settings, out);
    TabularTraining.write(o, null, null, dir.resolve("model"));
    Files.deleteIfExists(dir.resolve("model/metrics.json"));
    Files.deleteIfExists(dir.resolve("model/report.html"));
    TabularModel m = TabularModel.load(dir.resolve("model"));
    out.println("expected values for GoldenModelTest:");
    for (int i = 0; i < GoldenModelTest.ROWS.size(); i++) {
      out.printf(
          Locale.ROOT,
          "  row %d: raw %.17g calibrated %.17g%n",
          i,
          m.rawScore(GoldenModelTest.ROWS.get(i)),
          m.score(GoldenModelTest.ROWS.get(i)));
    }
  }
}
