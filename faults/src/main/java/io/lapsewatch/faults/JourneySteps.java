package io.lapsewatch.faults;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.AlertJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A run's journey step alerts (those with {@code journey} set) and the counts {@code
 * journey-restart} compares: which steps a restored job took for journeys the first job had opened,
 * and whether the journey accumulators of two runs add up to the reference's.
 */
final class JourneySteps {
  private JourneySteps() {}

  /** The journey step alerts among {@code alertsById}, every copy, by id. */
  static Map<String, List<byte[]>> of(Map<String, List<byte[]>> alertsById) throws IOException {
    Map<String, List<byte[]>> out = new TreeMap<>();
    for (Map.Entry<String, List<byte[]>> e : alertsById.entrySet()) {
      if (AlertJson.parse(e.getValue().get(0)).inJourney()) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** How many of {@code steps} are follow-ups (a step after the journey's first contact). */
  static long followUps(Map<String, List<byte[]>> steps) throws IOException {
    long n = 0;
    for (List<byte[]> copies : steps.values()) {
      n += AlertJson.parse(copies.get(0)).followUp ? 1 : 0;
    }
    return n;
  }

  /**
   * The step alerts of {@code after} that were not out yet in {@code before} but belong to a
   * journey that was: steps still pending when the job stopped, taken by the job that resumed it
   * from the journey state it restored.
   */
  static Set<String> pendingAtStop(
      Map<String, List<byte[]>> before, Map<String, List<byte[]>> after) throws IOException {
    Set<String> open = new TreeSet<>();
    for (List<byte[]> copies : before.values()) {
      open.add(journeyOf(AlertJson.parse(copies.get(0))));
    }
    Set<String> pending = new TreeSet<>();
    for (Map.Entry<String, List<byte[]>> e : after.entrySet()) {
      if (!before.containsKey(e.getKey())
          && open.contains(journeyOf(AlertJson.parse(e.getValue().get(0))))) {
        pending.add(e.getKey());
      }
    }
    return pending;
  }

  /** One journey: a policyholder's term on a plan version. */
  private static String journeyOf(Alert a) {
    return a.policyholderId
        + "|"
        + a.policyId
        + "|"
        + a.renewalDate
        + "|"
        + a.journey
        + "|"
        + a.journeyVersion;
  }

  /** The sum of the counts whose key starts with {@code what} ("taken", "entered", ...). */
  static long total(Map<String, Long> counts, String what) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(what + "|"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * Journeys open at the checkpoint a run was restored from: the restored run's exits minus its
   * entries, plus the journeys still open at the end of the reference (entries minus exits). A
   * journey restored with the checkpoint's state exits in the restored run without entering it.
   */
  static long carriedOver(Map<String, Long> reference, Map<String, Long> restored) {
    return total(restored, "exited")
        - total(restored, "entered")
        + total(reference, "entered")
        - total(reference, "exited");
  }

  /**
   * The accumulator keys where a stopped run ({@code first}, read after the checkpoint the second
   * run restored from) and the restored run ({@code restored}) do not add up to the reference.
   * Accumulators are not checkpointed: the restored run counts only what it did itself, so each key
   * must hold {@code restored <= reference <= first + restored} (the first run also counted work
   * after the checkpoint, which the restored run did again).
   */
  static List<String> inconsistent(
      Map<String, Long> reference, Map<String, Long> first, Map<String, Long> restored) {
    Set<String> keys = new TreeSet<>(reference.keySet());
    keys.addAll(first.keySet());
    keys.addAll(restored.keySet());
    List<String> wrong = new ArrayList<>();
    for (String k : keys) {
      long ref = reference.getOrDefault(k, 0L);
      long a = first.getOrDefault(k, 0L);
      long b = restored.getOrDefault(k, 0L);
      if (b > ref || a + b < ref) {
        wrong.add(k + " reference " + ref + ", first run " + a + ", restored run " + b);
      }
    }
    return wrong;
  }
}
