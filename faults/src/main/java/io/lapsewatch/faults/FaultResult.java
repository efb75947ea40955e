package io.lapsewatch.faults;

import java.util.List;

/**
 * What one fault case injected and what it counted. {@code expected} comes from ground truth (a
 * clean reference run, or the records the case itself produced), {@code present} is how many of
 * those were found afterwards, {@code lost = expected - present} and {@code duplicates} counts
 * extra copies (allowed where the contract is at-least-once). {@code violations} lists broken
 * case-specific invariants; a case passes when nothing was lost and nothing was violated.
 *
 * @param unit what is counted, e.g. "alerts + stored vectors"
 * @param measures case-specific counts, e.g. {@code dead_letters} or {@code model_load_failures}
 */
public record FaultResult(
    String name,
    String injected,
    String unit,
    long expected,
    long present,
    long lost,
    long duplicates,
    List<String> notes,
    List<String> violations,
    java.util.Map<String, Long> measures,
    double seconds) {

  /** True when nothing was lost and every invariant held. */
  public boolean passed() {
    return lost == 0 && violations.isEmpty();
  }

  /** The same result with the case's wall-clock time filled in. */
  public FaultResult withSeconds(double s) {
    return new FaultResult(
        name, injected, unit, expected, present, lost, duplicates, notes, violations, measures, s);
  }

  /** A case that threw before it could count anything. */
  public static FaultResult crashed(String name, Throwable t) {
    return new FaultResult(
        name,
        "(case did not complete)",
        "-",
        0,
        0,
        0,
        0,
        List.of(),
        List.of("case failed with " + t),
        java.util.Map.of(),
        0);
  }
}
