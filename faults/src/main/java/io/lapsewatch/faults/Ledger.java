package io.lapsewatch.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts what a faulty run lost against ground truth: alerts by id (with their exact bytes) and
 * stored feature vectors by key (with every field).
 */
final class Ledger {
  long expected;
  long present;
  long duplicates;
  final List<String> notes = new ArrayList<>();
  final List<String> violations = new ArrayList<>();
  final Map<String, Long> measures = new java.util.TreeMap<>();

  /**
   * Alerts: every reference id must be present with every content the reference gave it; other
   * copies must be byte-identical repeats of those; no id the reference lacks.
   *
   * <p>One id can carry two contents in the reference itself: a policyholder who re-enters the same
   * journey plan for the same term gets step alerts with the ids of the first time (they are hashed
   * from term, plan and step only). Those are counted and named in the notes, not held against the
   * faulty run.
   */
  Ledger alerts(Map<String, List<byte[]>> reference, Map<String, List<byte[]>> got) {
    Set<String> missing = new TreeSet<>(reference.keySet());
    missing.removeAll(got.keySet());
    Set<String> extra = new TreeSet<>(got.keySet());
    extra.removeAll(reference.keySet());
    long repeats = 0;
    long differing = 0;
    long contentsMissing = 0;
    Set<String> twoContents = new TreeSet<>();
    for (Map.Entry<String, List<byte[]>> e : reference.entrySet()) {
      if (distinct(e.getValue()).size() > 1) {
        twoContents.add(e.getKey());
      }
    }
    for (Map.Entry<String, List<byte[]>> e : got.entrySet()) {
      List<byte[]> contents = distinct(e.getValue());
      repeats += e.getValue().size() - contents.size();
      List<byte[]> ref = reference.get(e.getKey());
      if (ref == null) {
        continue;
      }
      List<byte[]> refContents = distinct(ref);
      for (byte[] copy : contents) {
        if (refContents.stream().noneMatch(r -> Arrays.equals(r, copy))) {
          differing++;
        }
      }
      for (byte[] r : refContents) {
        if (contents.stream().noneMatch(c -> Arrays.equals(c, r))) {
          contentsMissing++;
        }
      }
    }
    expected += reference.size();
    present += reference.size() - missing.size();
    duplicates += repeats;
    notes.add(
        String.format(
            "alerts %d of %d present, %d exact repeats",
            reference.size() - missing.size(), reference.size(), repeats));
    if (!missing.isEmpty()) {
      notes.add("missing alert ids (first 5): " + first(missing) + asOfRange(missing, reference));
    }
    if (!extra.isEmpty()) {
      violations.add(extra.size() + " alerts the reference run never raised: " + first(extra));
    }
    if (differing > 0) {
      violations.add(differing + " alert copies differ from the reference bytes");
    }
    if (contentsMissing > 0) {
      violations.add(
          contentsMissing + " contents of reference alert ids missing (the id came with another)");
    }
    if (!twoContents.isEmpty()) {
      notes.add(
          twoContents.size()
              + " alert ids carry two or more contents in the reference run itself (journey step"
              + " alerts of a term that re-entered its plan; first 5: "
              + first(twoContents)
              + ")");
      measures.put("reference_ids_with_several_contents", (long) twoContents.size());
    }
    return this;
  }

  /** Stored vectors: every reference key must hold exactly the reference fields. */
  Ledger vectors(Map<String, Map<String, String>> reference, Map<String, Map<String, String>> got) {
    Set<String> wrong = new TreeSet<>();
    for (Map.Entry<String, Map<String, String>> e : reference.entrySet()) {
      if (!e.getValue().equals(got.get(e.getKey()))) {
        wrong.add(e.getKey());
      }
    }
    Set<String> extra = new TreeSet<>(got.keySet());
    extra.removeAll(reference.keySet());
    expected += reference.size();
    present += reference.size() - wrong.size();
    notes.add(
        String.format(
            "stored vectors %d of %d identical to the reference",
            reference.size() - wrong.size(), reference.size()));
    if (!wrong.isEmpty()) {
      notes.add(
          "missing or different vectors (first 5): "
              + first(wrong)
              + "; "
              + howTheyDiffer(wrong, reference, got));
    }
    if (!extra.isEmpty()) {
      violations.add(extra.size() + " stored vectors the reference run never wrote");
    }
    return this;
  }

  /**
   * Outcomes by alert id and kind: every reference outcome must be there, and none other (a
   * spurious {@code EXPIRED_UNKNOWN} is as wrong as a lost recovery).
   */
  Ledger outcomes(
      Map<String, io.lapsewatch.alertcontract.Outcome> reference,
      Map<String, io.lapsewatch.alertcontract.Outcome> got) {
    Set<String> missing = new TreeSet<>(reference.keySet());
    missing.removeAll(got.keySet());
    Set<String> extra = new TreeSet<>(got.keySet());
    extra.removeAll(reference.keySet());
    expected += reference.size();
    present += reference.size() - missing.size();
    notes.add(
        String.format(
            "outcomes %d of %d present", reference.size() - missing.size(), reference.size()));
    if (!missing.isEmpty()) {
      notes.add("missing outcomes (first 5): " + first(missing));
    }
    if (!extra.isEmpty()) {
      violations.add(extra.size() + " outcomes the reference run never emitted: " + first(extra));
    }
    return this;
  }

  /**
   * How the differing hashes differ, counted by as-of time: a stored as-of behind the reference is
   * a lost write, one ahead is a vector the reference never emitted, an equal one with other values
   * a computation that differs.
   */
  private static String howTheyDiffer(
      Set<String> keys,
      Map<String, Map<String, String>> reference,
      Map<String, Map<String, String>> got) {
    int missing = 0;
    int behind = 0;
    int ahead = 0;
    int sameAsOf = 0;
    for (String key : keys) {
      Map<String, String> stored = got.get(key);
      if (stored == null) {
        missing++;
        continue;
      }
      int c =
          Long.compare(
              Long.parseLong(stored.getOrDefault("_asof", "0")),
              Long.parseLong(reference.get(key).getOrDefault("_asof", "0")));
      if (c < 0) {
        behind++;
      } else if (c > 0) {
        ahead++;
      } else {
        sameAsOf++;
      }
    }
    return String.format(
        "%d missing, %d stored as of an earlier time than the reference, %d as of a later time,"
            + " %d as of the same time with other values",
        missing, behind, ahead, sameAsOf);
  }

  /** When the missing alerts were raised (event time): tells a lost tail from a lost middle. */
  private static String asOfRange(Set<String> ids, Map<String, List<byte[]>> reference) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (String id : ids) {
      try {
        long asOf = io.lapsewatch.alertcontract.AlertJson.parse(reference.get(id).get(0)).asOf;
        min = Math.min(min, asOf);
        max = Math.max(max, asOf);
      } catch (java.io.IOException e) {
        return "";
      }
    }
    return "; raised (event time) between "
        + java.time.Instant.ofEpochMilli(min)
        + " and "
        + java.time.Instant.ofEpochMilli(max);
  }

  /** The different byte contents among {@code copies}, in their first order. */
  private static List<byte[]> distinct(List<byte[]> copies) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] c : copies) {
      if (out.stream().noneMatch(o -> Arrays.equals(o, c))) {
        out.add(c);
      }
    }
    return out;
  }

  long lost() {
    return expected - present;
  }

  FaultResult result(String name, String injected, String unit) {
    return new FaultResult(
        name,
        injected,
        unit,
        expected,
        present,
        lost(),
        duplicates,
        List.copyOf(notes),
        List.copyOf(violations),
        Map.copyOf(measures),
        0);
  }

  private static String first(Set<String> ids) {
    return String.join(", ", ids.stream().limit(5).toList());
  }
}
