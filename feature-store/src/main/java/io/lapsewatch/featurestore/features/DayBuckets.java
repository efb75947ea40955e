package io.lapsewatch.featurestore.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Per-day values over a bounded look-back, kept as two sorted primitive arrays so a policyholder's
 * state stays small. Values on the same day are combined by sum or by minimum.
 */
final class DayBuckets {
  private final int windowDays;
  private final boolean keepMinimum;
  private int[] days = new int[0];
  private int[] values = new int[0];
  private int size;

  DayBuckets(int windowDays, boolean keepMinimum) {
    this.windowDays = windowDays;
    this.keepMinimum = keepMinimum;
  }

  static DayBuckets counts(int windowDays) {
    return new DayBuckets(windowDays, false);
  }

  static DayBuckets minimums(int windowDays) {
    return new DayBuckets(windowDays, true);
  }

  void add(int day, int value) {
    int i = Arrays.binarySearch(days, 0, size, day);
    if (i >= 0) {
      values[i] = keepMinimum ? Math.min(values[i], value) : values[i] + value;
      return;
    }
    int at = -i - 1;
    if (size == days.length) {
      int grown = Math.max(4, size * 2);
      days = Arrays.copyOf(days, grown);
      values = Arrays.copyOf(values, grown);
    }
    System.arraycopy(days, at, days, at + 1, size - at);
    System.arraycopy(values, at, values, at + 1, size - at);
    days[at] = day;
    values[at] = value;
    size++;
  }

  /** Sum of values on days in [fromDay, toDay]. */
  int sum(int fromDay, int toDay) {
    int total = 0;
    for (int i = 0; i < size; i++) {
      if (days[i] >= fromDay && days[i] <= toDay) {
        total += values[i];
      }
    }
    return total;
  }

  /** Sum over the {@code lookBack} days ending with {@code asOfDay}. */
  int last(int lookBack, int asOfDay) {
    return sum(asOfDay - lookBack + 1, asOfDay);
  }

  /** Minimum over the {@code lookBack} days ending with {@code asOfDay}, or {@code fallback}. */
  int minimum(int lookBack, int asOfDay, int fallback) {
    int min = Integer.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      if (days[i] > asOfDay - lookBack && days[i] <= asOfDay) {
        min = Math.min(min, values[i]);
      }
    }
    return min == Integer.MAX_VALUE ? fallback : min;
  }

  /** Drops days that can no longer fall in the window of any as-of day at or after newestDay. */
  void prune(int newestDay) {
    int keepFrom = newestDay - windowDays + 1;
    int drop = 0;
    while (drop < size && days[drop] < keepFrom) {
      drop++;
    }
    if (drop > 0) {
      System.arraycopy(days, drop, days, 0, size - drop);
      System.arraycopy(values, drop, values, 0, size - drop);
      size -= drop;
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  void write(DataOutput out) throws IOException {
    writeVarInt(out, size);
    int previous = 0;
    for (int i = 0; i < size; i++) {
      // Days ascend, so deltas are small and encode in one or two bytes.
      writeVarInt(out, days[i] - previous);
      previous = days[i];
      writeVarInt(out, values[i]);
    }
  }

  void read(DataInput in) throws IOException {
    size = readVarInt(in);
    days = new int[size];
    values = new int[size];
    int previous = 0;
    for (int i = 0; i < size; i++) {
      previous += readVarInt(in);
      days[i] = previous;
      values[i] = readVarInt(in);
    }
  }

  static void writeVarInt(DataOutput out, int value) throws IOException {
    // Zig-zag so that the rare negative value stays short too.
    int v = (value << 1) ^ (value >> 31);
    while ((v & ~0x7F) != 0) {
      out.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  static int readVarInt(DataInput in) throws IOException {
    int shift = 0;
    int v = 0;
    while (true) {
      int b = in.readUnsignedByte();
      v |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
      if (shift > 28) {
        throw new IOException("malformed varint in policyholder state");
      }
    }
    return (v >>> 1) ^ -(v & 1);
  }
}
