package io.lapsewatch.faults;

/** One injected fault: what it breaks, and how it counts what the system lost because of it. */
public interface FaultCase {
  /** Short, stable name used by {@code --only} and in the report, e.g. {@code redis-restart}. */
  String name();

  /** Injects the fault against {@code stack} and compares what came out with ground truth. */
  FaultResult run(FaultStack stack) throws Exception;
}
