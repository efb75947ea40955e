package io.lapsewatch.featurestore.store;

import io.lapsewatch.featurestore.features.FeatureVector;
import java.util.Collection;
import java.util.Optional;

/** Serving store for the latest feature vector of each policyholder. */
public interface FeatureStore extends AutoCloseable {
  /**
   * Writes the vectors in one round trip where possible. A vector never replaces a stored one with
   * a newer as-of time, so replays and late data are safe.
   *
   * @return how many vectors were written (the rest were older than what is stored)
   */
  int writeAll(Collection<FeatureVector> vectors);

  /** The stored vector of a policyholder, if any. */
  Optional<StoredFeatures> read(String policyholderId);

  /** Deletes everything stored for a policyholder (right to erasure). */
  boolean erase(String policyholderId);

  @Override
  void close();
}
