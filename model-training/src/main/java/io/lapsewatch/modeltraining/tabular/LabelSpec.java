package io.lapsewatch.modeltraining.tabular;

/** Which column holds the outcome and which of its values counts as the positive (lapse) class. */
public record LabelSpec(String column, String positive) {

  public LabelSpec {
    if (column == null || column.isBlank()) {
      throw new IllegalArgumentException("--label: name the column that holds the outcome");
    }
    if (positive == null || positive.isBlank()) {
      throw new IllegalArgumentException(
          "--positive: give the value of '" + column + "' that means lapse/churn, e.g. Yes or 1");
    }
    positive = positive.trim();
  }

  /** Whether a raw cell of the label column is the positive class. */
  public boolean isPositive(String raw) {
    return positive.equals(raw.trim());
  }
}
