package io.lapsewatch.flinkjobs.time;

import java.util.Arrays;

/**
 * The event times of the last few events of one stream, and their lower median: a notion of "where
 * event time is" that no single record can move.
 *
 * <p>Event time taken from the newest event lets one record stamped in the future (a producer whose
 * clock runs ahead, a replayed request stamped with today's wall clock) jump time forward for every
 * policyholder behind it: calendar timers fire early, outcome windows close, and everyone's on-time
 * events become "too late". The lower median of the last {@link #WINDOW} events moves only when
 * most recent events agree, so a future-dated record waits in its own policyholder's state until
 * time really gets there, and a minority producer with a wrong clock changes nothing for others. In
 * a dense stream the median trails the newest event by half a window of events, a few milliseconds.
 */
public final class RecentEventTimes {
  /** Events remembered; the median then resists up to half this many outliers in a row. */
  public static final int WINDOW = 32;

  private final long[] times = new long[WINDOW];
  private final long[] scratch = new long[WINDOW];
  private long count;

  /** Remembers one event time, forgetting the oldest once the window is full. */
  public void add(long eventTime) {
    times[(int) (count % WINDOW)] = eventTime;
    count++;
  }

  /** Events remembered so far, at most {@link #WINDOW}. */
  public int size() {
    return (int) Math.min(count, WINDOW);
  }

  /** The lower median of the remembered times, or {@link Long#MIN_VALUE} when none. */
  public long lowerMedian() {
    int n = size();
    if (n == 0) {
      return Long.MIN_VALUE;
    }
    System.arraycopy(times, 0, scratch, 0, n);
    Arrays.sort(scratch, 0, n);
    return scratch[(n - 1) / 2];
  }
}
