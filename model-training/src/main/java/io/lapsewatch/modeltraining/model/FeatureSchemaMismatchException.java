package io.lapsewatch.modeltraining.model;

/** A model was trained on another feature schema than the one being served. */
public class FeatureSchemaMismatchException extends IllegalStateException {
  public FeatureSchemaMismatchException(String message) {
    super(message);
  }
}
