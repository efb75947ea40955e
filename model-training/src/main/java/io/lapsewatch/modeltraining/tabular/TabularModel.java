package io.lapsewatch.modeltraining.tabular;

import io.lapsewatch.modeltraining.model.ChurnModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * A model trained from CSV, loaded back from its folder: scores raw CSV values (column name to
 * text) with the same encoding and calibration it was evaluated with.
 */
public final class TabularModel {
  /** Tribuo model file name inside a model folder (same name the model registry uses). */
  public static final String MODEL_FILE = ChurnModel.MODEL_FILE;

  private final Model<Label> model;
  private final TabularModelMetadata metadata;

  public TabularModel(Model<Label> model, TabularModelMetadata metadata) {
    this.model = model;
    this.metadata = metadata;
  }

  /** Loads {@value #MODEL_FILE} and {@value TabularModelMetadata#FILE} from {@code dir}. */
  @SuppressWarnings("unchecked")
  public static TabularModel load(Path dir) throws IOException {
    Path modelFile = dir.resolve(MODEL_FILE);
    Path metaFile = dir.resolve(TabularModelMetadata.FILE);
    if (!Files.isRegularFile(modelFile) || !Files.isRegularFile(metaFile)) {
      throw new IOException(
          "no CSV-trained model in "
              + dir
              + ": expected "
              + MODEL_FILE
              + " and "
              + TabularModelMetadata.FILE);
    }
    TabularModelMetadata meta = TabularModelMetadata.read(metaFile);
    Model<?> m = Model.deserializeFromFile(modelFile);
    if (!m.validate(Label.class)) {
      throw new IOException(modelFile + " is not a classification model");
    }
    return new TabularModel((Model<Label>) m, meta);
  }

  public Model<Label> model() {
    return model;
  }

  public TabularModelMetadata metadata() {
    return metadata;
  }

  /** Uncalibrated model probability of the positive class for one raw row. */
  public double rawScore(Map<String, String> row) {
    TabularEncoder enc = metadata.encoder();
    return TribuoRows.positiveScores(
        model, new double[][] {enc.encodeRow(row)}, enc.featureNames())[0];
  }

  /** Calibrated probability of the positive class for one raw row. */
  public double score(Map<String, String> row) {
    return metadata.calibrator().calibrate(rawScore(row));
  }

  /** Calibrated probabilities for every row of a table, predicted in one batch. */
  public double[] score(CsvTable table) {
    TabularEncoder enc = metadata.encoder();
    double[] raw = TribuoRows.positiveScores(model, enc.encode(table).x(), enc.featureNames());
    return metadata.calibrator().calibrateAll(raw);
  }

  /** Names of the encoded features, in model input order. */
  public List<String> featureNames() {
    return metadata.encoder().featureNames();
  }
}
