package io.lapsewatch.modeltraining.tabular;

/**
 * How raw columns become model features.
 *
 * @param standardise centre and scale every encoded column by its train mean and standard deviation
 *     (linear models need it so one L2 penalty treats every column alike)
 * @param numericBins when at least 2, also one-hot each numeric column into this many train
 *     quantile bins, so a linear model can bend (trees do not need it)
 * @param minLevelCount categorical levels seen fewer times in train fold into the "other" bucket,
 *     which is also where unseen levels go, so that bucket has learned weight
 */
public record EncoderOptions(boolean standardise, int numericBins, int minLevelCount) {

  /** Trees: raw values, no bins. */
  public static final EncoderOptions TREES = new EncoderOptions(false, 0, 5);

  public EncoderOptions {
    if (numericBins < 0 || numericBins == 1) {
      throw new IllegalArgumentException("numericBins must be 0 (off) or >= 2, was " + numericBins);
    }
    if (minLevelCount < 1) {
      throw new IllegalArgumentException("minLevelCount must be >= 1, was " + minLevelCount);
    }
  }

  /** Linear models: standardised, optionally with quantile bins. */
  public static EncoderOptions linear(int numericBins) {
    return new EncoderOptions(true, numericBins, 5);
  }
}
