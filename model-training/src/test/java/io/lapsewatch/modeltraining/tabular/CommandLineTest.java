package io.lapsewatch.modeltraining.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --csv} and {@code evaluate-reference} command lines: help, defaults, bad values. */
class CommandLineTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void csvTrainingHelpShowsTheDefaultsEvenAfterCsv() {
    assertThat(CsvTrainCommand.run(new String[] {"train", "--csv", "--help"}, out))
        .isEqualTo(CsvTrainCommand.OK);

    assertThat(output())
        .contains("usage: lapsewatch train --csv")
        .contains("--trainer=lr|gbt|rf", "Default: gbt")
        .contains("--folds", "Default: 5")
        .contains("--top-pct", "Default: 10");
  }

  @Test
  void csvTrainingNamesTheOptionAndTheBadValue() {
    assertThat(CsvTrainCommand.run(new String[] {"--csv", "a.csv", "--folds", "five"}, out))
        .isEqualTo(CsvTrainCommand.USAGE);

    assertThat(output()).contains("--folds").contains("'five'");
  }

  @Test
  void csvTrainingNamesATrailingOption() {
    assertThat(CsvTrainCommand.run(new String[] {"--csv", "a.csv", "--seed"}, out))
        .isEqualTo(CsvTrainCommand.USAGE);

    assertThat(output()).contains("Missing required parameter for option '--seed'");
  }

  @Test
  void csvTrainingKeepsItsRangeChecks() {
    String[] args = {
      "--csv",
      "a.csv",
      "--test",
      "b.csv",
      "--label",
      "l",
      "--positive",
      "1",
      "--out",
      "o",
      "--folds",
      "40"
    };

    assertThat(CsvTrainCommand.run(args, out)).isEqualTo(CsvTrainCommand.USAGE);

    assertThat(output()).contains("--folds 40 is out of range; use 2 to 20");
  }

  @Test
  void csvTrainingSeparatorMustBeOneCharacter() {
    assertThat(CsvTrainCommand.run(new String[] {"--csv", "a.csv", "--sep", ";;"}, out))
        .isEqualTo(CsvTrainCommand.USAGE);

    assertThat(output()).contains("--sep", "';;' must be one character");
  }

  @Test
  void referenceComparisonHelpShowsTheDefaults() throws IOException {
    assertThat(ReferenceComparison.run(new String[] {"--help"}, out)).isZero();

    assertThat(output())
        .contains("DATA_DIR", "Default: ../shared/data")
        .contains("Default: docs/model-evaluation.md")
        .contains("Default: lr,gbt,rf");
  }

  @Test
  void referenceComparisonNamesAnUnknownTrainer() throws IOException {
    assertThat(ReferenceComparison.run(new String[] {"--trainers", "lr,svm"}, out)).isEqualTo(2);

    assertThat(output()).contains("--trainers", "'svm'", "lr, gbt, rf");
  }

  @Test
  void referenceComparisonRefusesAnUnknownDataSet(@TempDir Path dir) throws IOException {
    String[] args = {
      dir.toString(), "--datasets", "titanic", "--docs", dir.resolve("d.md").toString()
    };

    assertThat(ReferenceComparison.run(args, out)).isEqualTo(2);

    assertThat(output()).contains("unknown data set 'titanic'", "telco,eudirectlapse");
  }
}
