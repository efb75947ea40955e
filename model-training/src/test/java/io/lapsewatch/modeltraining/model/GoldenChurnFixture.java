package io.lapsewatch.modeltraining.model;

import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.featurestore.features.FeatureVector;
import io.lapsewatch.featurestore.features.PolicyholderState;
import io.lapsewatch.featurestore.simulator.NdjsonEvents;
import io.lapsewatch.modeltraining.trainers.TrainerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of the golden churn models under {@code src/test/resources/golden/}, shared by {@link
 * GoldenChurnModelGenerator} (which writes them) and {@link GoldenChurnModelTest} (which checks
 * them): the simulated events of a few policyholders, the feature vectors the feature code makes of
 * them, and per trainer a saved model with the scores it gave those vectors.
 */
final class GoldenChurnFixture {
  static final String EVENTS = "churn-events.ndjson";
  static final String VECTORS = "churn-vectors.csv";
  static final String SCORES = "expected-scores.csv";

  /** The times each probe policyholder's features are taken at: mid-term and at the year's end. */
  static final List<Instant> AS_OF =
      List.of(Instant.parse("2025-07-01T00:00:00Z"), Instant.parse("2025-12-31T23:59:59Z"));

  private GoldenChurnFixture() {}

  /** The folder of one trainer's golden model. */
  static Path modelDir(Path golden, TrainerKind trainer) {
    return golden.resolve("churn-" + trainer.flag());
  }

  /** One probe vector: whose, as of when, and the values in schema order. */
  record Probe(String policyholderId, long asOf, double[] values) {}

  /** The feature code applied to the saved events: each policyholder at each of {@link #AS_OF}. */
  static List<Probe> probesFromEvents(Path golden) throws IOException {
    Map<String, List<PolicyEvent>> byHolder = new LinkedHashMap<>();
    NdjsonEvents.read(
        golden.resolve(EVENTS),
        e -> byHolder.computeIfAbsent(e.policyholderId, k -> new ArrayList<>()).add(e));
    List<Probe> probes = new ArrayList<>();
    for (Map.Entry<String, List<PolicyEvent>> h : byHolder.entrySet()) {
      for (Instant at : AS_OF) {
        PolicyholderState s = new PolicyholderState();
        h.getValue().stream().filter(e -> e.occurredAt <= at.toEpochMilli()).forEach(s::apply);
        FeatureVector v = s.vector(h.getKey(), at.toEpochMilli());
        probes.add(new Probe(h.getKey(), at.toEpochMilli(), v.values));
      }
    }
    return probes;
  }

  static void writeVectors(Path golden, List<Probe> probes) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("policyholderId,asOf," + String.join(",", FeatureSchema.keys()));
    for (Probe p : probes) {
      StringBuilder b = new StringBuilder(p.policyholderId()).append(',').append(p.asOf());
      for (double x : p.values()) {
        // Double.toString round-trips exactly, so the file holds the very bits computed.
        b.append(',').append(Double.toString(x));
      }
      lines.add(b.toString());
    }
    Files.write(golden.resolve(VECTORS), lines);
  }

  static List<Probe> readVectors(Path golden) throws IOException {
    List<String> lines = Files.readAllLines(golden.resolve(VECTORS));
    String header = "policyholderId,asOf," + String.join(",", FeatureSchema.keys());
    if (!lines.get(0).equals(header)) {
      throw new IllegalStateException(
          VECTORS + " has columns " + lines.get(0) + " but the schema is " + header);
    }
    List<Probe> probes = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double[] values = new double[f.length - 2];
      for (int i = 0; i < values.length; i++) {
        values[i] = Double.parseDouble(f[i + 2]);
      }
      probes.add(new Probe(f[0], Long.parseLong(f[1]), values));
    }
    return probes;
  }

  /** What one model said of one probe: the served score, before calibration, and Tribuo's own. */
  record Scores(double score, double rawScore, double tribuoScore) {
    static Scores of(ChurnModel m, double[] values) {
      return new Scores(m.score(values), m.rawScore(values), m.tribuoScore(values));
    }
  }

  static void writeScores(Path dir, List<Scores> scores) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("score,rawScore,tribuoScore");
    for (Scores s : scores) {
      lines.add(s.score() + "," + s.rawScore() + "," + s.tribuoScore());
    }
    Files.write(dir.resolve(SCORES), lines);
  }

  static List<Scores> readScores(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve(SCORES));
    List<Scores> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      out.add(
          new Scores(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
    }
    return out;
  }
}
