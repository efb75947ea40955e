package io.lapsewatch.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what a run produced against a reference run of the same input: record ids (alert ids,
 * outcome ids) and the stored feature hashes per key. Pure logic, no I/O.
 */
final class RunComparison {
  private RunComparison() {}

  /**
   * Ids of a run against the reference's. At-least-once output may repeat an id; repeats are
   * counted as duplicates, not as a difference.
   *
   * @param expected distinct ids in the reference
   * @param records records in the run (with repeats)
   * @param present distinct reference ids the run has
   * @param lost reference ids the run lacks, sorted
   * @param duplicates records in the run beyond the first of each id
   * @param unexpected ids in the run the reference does not have, sorted
   */
  record Ids(
      int expected,
      int records,
      int present,
      List<String> lost,
      int duplicates,
      List<String> unexpected) {
    boolean matches() {
      return lost.isEmpty() && unexpected.isEmpty();
    }
  }

  static Ids ids(Collection<String> reference, Collection<String> run) {
    Set<String> expected = new TreeSet<>(reference);
    Map<String, Integer> seen = new HashMap<>();
    for (String id : run) {
      seen.merge(Objects.requireNonNull(id, "id"), 1, Integer::sum);
    }
    List<String> lost = new ArrayList<>();
    int present = 0;
    for (String id : expected) {
      if (seen.containsKey(id)) {
        present++;
      } else {
        lost.add(id);
      }
    }
    List<String> unexpected = new ArrayList<>(new TreeSet<>(seen.keySet()));
    unexpected.removeAll(expected);
    return new Ids(
        expected.size(), run.size(), present, lost, run.size() - seen.size(), unexpected);
  }

  /**
   * Stored hashes of a run against the reference's, key by key.
   *
   * @param expected keys in the reference
   * @param equal keys whose fields and values are the same in both
   * @param missing reference keys the run lacks, sorted
   * @param differing keys in both with different fields or values, sorted
   * @param unexpected keys only the run has, sorted
   */
  record Hashes(
      int expected,
      int equal,
      List<String> missing,
      List<String> differing,
      List<String> unexpected) {
    boolean matches() {
      return missing.isEmpty() && differing.isEmpty() && unexpected.isEmpty();
    }
  }

  static Hashes hashes(
      Map<String, Map<String, String>> reference, Map<String, Map<String, String>> run) {
    List<String> missing = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    int equal = 0;
    for (String key : new TreeSet<>(reference.keySet())) {
      Map<String, String> got = run.get(key);
      if (got == null) {
        missing.add(key);
      } else if (got.equals(reference.get(key))) {
        equal++;
      } else {
        differing.add(key);
      }
    }
    List<String> unexpected = new ArrayList<>(new TreeSet<>(run.keySet()));
    unexpected.removeAll(reference.keySet());
    return new Hashes(reference.size(), equal, missing, differing, unexpected);
  }

  /** The first few entries of a list, for a report line. */
  static String sample(List<String> items, int max) {
    if (items.isEmpty()) {
      return "";
    }
    List<String> head = items.subList(0, Math.min(max, items.size()));
    return " e.g. " + String.join(", ", head) + (items.size() > max ? ", ..." : "");
  }
}
