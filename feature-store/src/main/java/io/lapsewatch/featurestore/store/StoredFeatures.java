package io.lapsewatch.featurestore.store;

import java.util.Map;

/** A policyholder's feature hash as read back from the store. */
public record StoredFeatures(
    String policyholderId,
    String schemaVersion,
    long asOf,
    String policyId,
    int renewalDate,
    Map<String, Double> values) {}
