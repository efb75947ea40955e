package io.lapsewatch.modeltraining;

/**
 * One point-in-time example: a policy term's features as of a cut-off before its renewal date,
 * built only from events before the cut-off, and whether the term lapsed.
 */
public record TrainingExample(
    String policyholderId,
    String policyId,
    int renewalDate,
    int cutoffDays,
    long asOf,
    double[] features,
    boolean lapsed) {}
