package io.lapsewatch.modeltraining.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TabularEncoderTest {
  private static final LabelSpec LAPSE = new LabelSpec("lapse", "1");
  private static final EncoderOptions RAW = new EncoderOptions(false, 0, 1);

  private static final CsvTable TRAIN =
      CsvReader.parse(
          String.join(
              "\n",
              "lapse,premium,channel,policy_id",
              "1,100,agent,P1",
              "0,200,web,P2",
              "0,,web,P3",
              "1,400,,P4",
              "0,300,agent,P5"),
          ',',
          "train");

  @Test
  void numericColumnsAreDetectedFromTrainAndBlanksGetTheMedianAndAnIndicator() {
    TabularEncoder enc = TabularEncoder.fit(TRAIN, LAPSE, Set.of("policy_id"), RAW);

    assertThat(enc.columns())
        .extracting(ColumnEncoding::name)
        .containsExactly("premium", "channel");
    ColumnEncoding premium = enc.columns().get(0);
    assertThat(premium.numeric()).isTrue();
    assertThat(premium.median()).isEqualTo(250.0);
    assertThat(premium.missingIndicator()).isTrue();

    double[] blank = enc.encodeRow(Map.of("premium", "", "channel", "web"));
    int p = enc.featureNames().indexOf("premium");
    int missing = enc.featureNames().indexOf("premium=(missing)");
    assertThat(blank[p]).isEqualTo(250.0);
    assertThat(blank[missing]).isEqualTo(1.0);
    assertThat(enc.encodeRow(Map.of("premium", "120", "channel", "web"))[missing]).isZero();
  }

  @Test
  void categoricalBlanksAreTheirOwnLevelAndUnseenLevelsGoToOther() {
    TabularEncoder enc = TabularEncoder.fit(TRAIN, LAPSE, Set.of("policy_id"), RAW);

    assertThat(enc.featureNames())
        .contains(
            "channel=agent",
            "channel=web",
            "channel=(missing)",
            "channel=" + ColumnEncoding.OTHER_LEVEL);
    double[] unseen = enc.encodeRow(Map.of("premium", "100", "channel", "phone"));
    assertThat(unseen[enc.featureNames().indexOf("channel=(other)")]).isEqualTo(1.0);
    assertThat(unseen[enc.featureNames().indexOf("channel=agent")]).isZero();
    double[] blank = enc.encodeRow(Map.of("premium", "100", "channel", " "));
    assertThat(blank[enc.featureNames().indexOf("channel=(missing)")]).isEqualTo(1.0);
  }

  @Test
  void aColumnWithAnyTextInTrainIsCategorical() {
    CsvTable t = CsvReader.parse("lapse,power\n1,75 kW\n0,90\n0,90\n1,75 kW\n", ',', "t");

    TabularEncoder enc = TabularEncoder.fit(t, LAPSE, Set.of(), RAW);

    assertThat(enc.columns().get(0).numeric()).isFalse();
    assertThat(enc.featureNames()).contains("power=75 kW", "power=90");
  }

  @Test
  void everythingIsLearnedFromTrainOnly() {
    CsvTable test =
        CsvReader.parse(
            "policy_id,channel,premium,lapse\nQ1,broker,9999,1\nQ2,web,abc,0\n", ',', "test");
    TabularEncoder enc = TabularEncoder.fit(TRAIN, LAPSE, Set.of("policy_id"), RAW);
    TabularEncoder refitted = TabularEncoder.fit(TRAIN, LAPSE, Set.of("policy_id"), RAW);

    TabularEncoder.Encoded e = enc.encode(test);

    // Test values change neither the vocabulary nor the median; columns are matched by name.
    assertThat(enc.featureNames())
        .isEqualTo(refitted.featureNames())
        .doesNotContain("channel=broker");
    assertThat(e.x()[0][enc.featureNames().indexOf("premium")]).isEqualTo(9999.0);
    assertThat(e.x()[1][enc.featureNames().indexOf("premium")]).isEqualTo(250.0);
    assertThat(e.unparsableNumbers()).isEqualTo(1);
    assertThat(e.otherLevels()).isEqualTo(1);
    assertThat(e.positive()).containsExactly(true, false);
  }

  @Test
  void standardisationUsesTrainMeanAndDeviation() {
    TabularEncoder enc =
        TabularEncoder.fit(TRAIN, LAPSE, Set.of("policy_id"), new EncoderOptions(true, 0, 1));

    double[][] x = enc.encode(TRAIN).x();
    int p = enc.featureNames().indexOf("premium");
    double mean = 0;
    for (double[] r : x) {
      mean += r[p] / x.length;
    }
    assertThat(mean).isCloseTo(0.0, within(1e-12));
    // (100 + 200 + 250 + 400 + 300) / 5 = 250 is the train mean after imputation.
    assertThat(enc.mean()[p]).isCloseTo(250.0, within(1e-9));
  }

  @Test
  void quantileBinsOneHotEachNumberIntoExactlyOneBin() {
    StringBuilder csv = new StringBuilder("lapse,age\n");
    for (int i = 1; i <= 100; i++) {
      csv.append(i % 3 == 0 ? 1 : 0).append(',').append(i).append('\n');
    }
    CsvTable t = CsvReader.parse(csv.toString(), ',', "ages");

    TabularEncoder enc = TabularEncoder.fit(t, LAPSE, Set.of(), new EncoderOptions(false, 4, 1));

    assertThat(enc.columns().get(0).binEdges()).hasSize(3);
    double[] young = enc.encodeRow(Map.of("age", "3"));
    double[] old = enc.encodeRow(Map.of("age", "98"));
    assertThat(young[enc.featureNames().indexOf("age:<=25.75")]).isEqualTo(1.0);
    assertThat(old[enc.featureNames().indexOf("age:>75.25")]).isEqualTo(1.0);
    double ones = 0;
    for (int j = 1; j < young.length; j++) {
      ones += young[j];
    }
    assertThat(ones).isEqualTo(1.0);
  }

  @Test
  void rareLevelsFoldIntoOtherSoItHasLearnedWeight() {
    CsvTable t =
        CsvReader.parse("lapse,region\n1,A\n0,A\n1,A\n0,B\n0,B\n1,B\n0,C\n", ',', "regions");

    TabularEncoder enc = TabularEncoder.fit(t, LAPSE, Set.of(), new EncoderOptions(false, 0, 2));

    assertThat(enc.columns().get(0).levels()).containsExactly("A", "B");
  }

  @Test
  void aPositiveValueThatNeverOccursListsTheValuesSeen() {
    assertThatThrownBy(
            () -> TabularEncoder.fit(TRAIN, new LabelSpec("lapse", "Yes"), Set.of(), RAW))
        .hasMessageContaining("--positive 'Yes'")
        .hasMessageContaining("never occurs")
        .hasMessageContaining("0, 1");
  }

  @Test
  void testFileWithoutATrainColumnIsRejectedByName() {
    TabularEncoder enc = TabularEncoder.fit(TRAIN, LAPSE, Set.of("policy_id"), RAW);
    CsvTable test = CsvReader.parse("lapse,premium\n1,10\n", ',', "test.csv");

    assertThatThrownBy(() -> enc.encode(test))
        .hasMessageContaining("test.csv has no column 'channel'");
  }

  @Test
  void identifierLikeColumnsAreFlagged() {
    StringBuilder csv = new StringBuilder("lapse,customer,plan\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i % 2).append(",C").append(i).append(',').append(i % 3 == 0 ? "gold" : "basic");
      csv.append('\n');
    }
    CsvTable t = CsvReader.parse(csv.toString(), ',', "customers");

    TabularEncoder enc = TabularEncoder.fit(t, LAPSE, Set.of(), EncoderOptions.TREES);

    assertThat(enc.identifierLikeColumns(t.size())).containsExactly("customer");
  }
}
