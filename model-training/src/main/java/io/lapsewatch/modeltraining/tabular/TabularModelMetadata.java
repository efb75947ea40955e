package io.lapsewatch.modeltraining.tabular;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lapsewatch.modeltraining.calibration.Calibrator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything beside the Tribuo model file that is needed to score a CSV row the way the model was
 * evaluated: the fitted encoder, the calibrator, the decision threshold, and how it was all made.
 * Stored as {@value #FILE}.
 *
 * @param format file format tag, {@value #FORMAT}
 * @param createdAt ISO-8601 instant of training
 * @param trainer trainer flag ({@code lr}, {@code gbt}, {@code rf})
 * @param hyperparameters the trained configuration
 * @param selection how the configuration was chosen
 * @param encoder the encoder fitted on the training rows
 * @param calibrator maps raw model scores to probabilities
 * @param threshold decision threshold on calibrated scores
 * @param thresholdRule how the threshold was chosen
 * @param trainFile train CSV path as given
 * @param trainSha256 SHA-256 of the train CSV bytes
 * @param testFile test CSV path as given
 * @param testSha256 SHA-256 of the test CSV bytes
 * @param rows row counts (train, fit, calibration, test)
 * @param metrics test metrics of calibrated scores
 * @param provenance the Tribuo model provenance, as text
 */
public record TabularModelMetadata(
    String format,
    String createdAt,
    String trainer,
    Map<String, Object> hyperparameters,
    String selection,
    TabularEncoder encoder,
    Calibrator calibrator,
    double threshold,
    String thresholdRule,
    String trainFile,
    String trainSha256,
    String testFile,
    String testSha256,
    Map<String, Integer> rows,
    Map<String, Double> metrics,
    String provenance) {

  public static final String FORMAT = "lapsewatch-tabular-1";
  public static final String FILE = "tabular-metadata.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public void write(Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), this);
  }

  public static TabularModelMetadata read(Path file) throws IOException {
    TabularModelMetadata m = MAPPER.readValue(file.toFile(), TabularModelMetadata.class);
    if (!FORMAT.equals(m.format())) {
      throw new IOException(
          file + " has format '" + m.format() + "'; this build reads '" + FORMAT + "'");
    }
    return m;
  }
}
