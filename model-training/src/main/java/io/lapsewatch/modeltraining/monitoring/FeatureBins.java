package io.lapsewatch.modeltraining.monitoring;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The reference distribution of one feature (or of the score) as quantile bins: bin {@code i} holds
 * values {@code <= upperEdges[i]} and {@code > upperEdges[i-1]}; the last bin is open-ended, so
 * {@code upperEdges.length == proportions.length - 1}.
 */
public record FeatureBins(String name, double[] upperEdges, double[] proportions)
    implements Serializable {

  /** Bins a reference profile cuts each feature into unless told otherwise. */
  public static final int DEFAULT_BINS = 10;

  public FeatureBins {
    if (name == null || upperEdges == null || proportions == null) {
      throw new IllegalArgumentException("feature bins need a name, edges and proportions");
    }
    if (upperEdges.length != proportions.length - 1) {
      throw new IllegalArgumentException(
          "feature bins of '"
              + name
              + "': "
              + upperEdges.length
              + " upper edges need "
              + (upperEdges.length + 1)
              + " proportions, got "
              + proportions.length);
    }
    for (int i = 1; i < upperEdges.length; i++) {
      if (!(upperEdges[i] > upperEdges[i - 1])) {
        throw new IllegalArgumentException(
            "feature bins of '"
                + name
                + "': upper edges must increase, got "
                + toString(upperEdges));
      }
    }
  }

  /**
   * Quantile bins of {@code values}: {@code bins - 1} edges at the quantiles, de-duplicated so a
   * constant or discrete feature gets one bin per distinct value it takes (a constant feature gets
   * one bin for its value and an empty open bin above, which is where a shift would show).
   */
  public static FeatureBins of(String name, double[] values, int bins) {
    if (bins < 2) {
      throw new IllegalArgumentException("feature bins of '" + name + "': need >= 2, got " + bins);
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("feature bins of '" + name + "': no values to bin");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] edges = new double[bins - 1];
    int count = 0;
    for (int k = 1; k < bins; k++) {
      int index = (int) Math.ceil((double) k * sorted.length / bins) - 1;
      double edge = sorted[Math.max(0, index)];
      // NaN sorts last; it belongs to the open bin, never to an edge.
      if (Double.isNaN(edge)) {
        break;
      }
      if (count == 0 || edge > edges[count - 1]) {
        edges[count++] = edge;
      }
    }
    if (count == 0) {
      edges[count++] = sorted[0];
    }
    double[] upper = Arrays.copyOf(edges, count);
    double[] proportions = new double[count + 1];
    long[] counts = new FeatureBins(name, upper, proportions).counts(values);
    for (int b = 0; b < counts.length; b++) {
      proportions[b] = counts[b] / (double) values.length;
    }
    return new FeatureBins(name, upper, proportions);
  }

  /** The bin a value falls in; NaN falls in the open last bin. */
  public int bin(double value) {
    if (Double.isNaN(value)) {
      return upperEdges.length;
    }
    int lo = 0;
    int hi = upperEdges.length;
    // The first edge that is >= value.
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (upperEdges[mid] >= value) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Counts of {@code values} per bin. */
  public long[] counts(double[] values) {
    long[] counts = new long[proportions.length];
    for (double v : values) {
      counts[bin(v)]++;
    }
    return counts;
  }

  /** How many bins. */
  public int size() {
    return proportions.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureBins b
        && name.equals(b.name)
        && Arrays.equals(upperEdges, b.upperEdges)
        && Arrays.equals(proportions, b.proportions);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + Arrays.hashCode(upperEdges)) + Arrays.hashCode(proportions);
  }

  @Override
  public String toString() {
    return "FeatureBins[" + name + ", " + toString(upperEdges) + ", " + toString(proportions) + "]";
  }

  private static String toString(double[] a) {
    return Arrays.toString(a);
  }
}
