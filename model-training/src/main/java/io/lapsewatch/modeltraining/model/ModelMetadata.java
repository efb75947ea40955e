package io.lapsewatch.modeltraining.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lapsewatch.modeltraining.monitoring.ReferenceProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a model is and how it was made: its version, the feature schema it expects, trainer and
 * hyperparameters, the data it saw, its metrics and the decision threshold chosen for it, and the
 * reference profile production drift is measured against (null for models trained before it
 * existed). Stored as {@code metadata.json} beside the model file.
 */
public record ModelMetadata(
    String version,
    String createdAt,
    String featureSchemaVersion,
    String featureSchemaHash,
    List<String> features,
    String trainer,
    Map<String, Object> hyperparameters,
    String trainingDataHash,
    int trainingRows,
    int testRows,
    Map<String, Double> metrics,
    double threshold,
    String thresholdRule,
    double[] mean,
    double[] std,
    String provenance,
    double[] baseline,
    io.lapsewatch.modeltraining.calibration.Calibrator calibration,
    ReferenceProfile referenceProfile) {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), this);
  }

  public static ModelMetadata read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), ModelMetadata.class);
  }

  public Standardizer standardizer() {
    return new Standardizer(mean, std);
  }
}
