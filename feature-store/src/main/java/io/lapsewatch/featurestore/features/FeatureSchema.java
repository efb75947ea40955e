package io.lapsewatch.featurestore.features;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The versioned feature schema shared by training and serving. */
public final class FeatureSchema {
  /** Current schema version; part of every Redis key and model metadata. */
  public static final String VERSION = "v1";

  private static final Feature[] FEATURES = Feature.values();

  private FeatureSchema() {}

  public static int size() {
    return FEATURES.length;
  }

  public static Feature feature(int index) {
    return FEATURES[index];
  }

  /** Feature keys in vector order. */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>(FEATURES.length);
    for (Feature f : FEATURES) {
      keys.add(f.key());
    }
    return keys;
  }

  /**
   * Hash of the version and the ordered feature keys; a model trained on another hash cannot be
   * scored on these vectors.
   */
  public static String hash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(VERSION.getBytes(StandardCharsets.UTF_8));
      for (Feature f : FEATURES) {
        sha.update((byte) '|');
        sha.update(f.key().getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Human-readable table of the schema. */
  public static String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("feature schema ")
        .append(VERSION)
        .append(" (hash ")
        .append(hash())
        .append(", ")
        .append(FEATURES.length)
        .append(" features)\n");
    sb.append(
        String.format(
            "%-3s %-28s %-6s %-14s %-9s %s%n", "#", "name", "field", "window", "unit", "meaning"));
    for (Feature f : FEATURES) {
      sb.append(
          String.format(
              "%-3d %-28s %-6s %-14s %-9s %s%n",
              f.ordinal(), f.key(), f.field(), f.window(), f.unit(), f.meaning()));
    }
    return sb.toString();
  }
}
