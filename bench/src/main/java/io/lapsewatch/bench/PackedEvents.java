package io.lapsewatch.bench;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The latency run's events, encoded once before the clock starts and packed into a few large byte
 * arrays with primitive offsets, plus a primitive index from (policyholder, event time) to the
 * event's position. Millions of small arrays and map entries would sit in the old generation of the
 * JVM the job shares and make every collection of it dearer; these arrays hold no references, so
 * the collector never traces into them.
 */
final class PackedEvents {
  private static final int CHUNK_BYTES = 64 << 20;

  private final List<byte[]> chunks = new ArrayList<>();
  private final long[] start;
  private final int[] keyLength;
  private final int[] valueLength;
  private int size;
  private byte[] chunk = new byte[CHUNK_BYTES];
  private int used;

  // Open addressing: slot keys are a 64-bit hash of (policyholder, event time), 0 = empty.
  private final long[] slotKey;
  private final int[] slotIndex;

  PackedEvents(int capacity) {
    start = new long[capacity];
    keyLength = new int[capacity];
    valueLength = new int[capacity];
    int slots = Integer.highestOneBit(Math.max(16, capacity * 2)) << 1;
    slotKey = new long[slots];
    slotIndex = new int[slots];
    chunks.add(chunk);
  }

  /** Appends an event; false once full. The first event for a (policyholder, time) is indexed. */
  boolean add(PolicyEvent e) {
    if (size == start.length) {
      return false;
    }
    byte[] key = e.policyholderId.getBytes(StandardCharsets.UTF_8);
    byte[] value = EventCodec.toBytes(e);
    if (used + key.length + value.length > CHUNK_BYTES) {
      chunk = new byte[CHUNK_BYTES];
      chunks.add(chunk);
      used = 0;
    }
    start[size] = (long) (chunks.size() - 1) * CHUNK_BYTES + used;
    System.arraycopy(key, 0, chunk, used, key.length);
    System.arraycopy(value, 0, chunk, used + key.length, value.length);
    used += key.length + value.length;
    keyLength[size] = key.length;
    valueLength[size] = value.length;
    index(hash(e.policyholderId, e.occurredAt), size);
    size++;
    return true;
  }

  int size() {
    return size;
  }

  /**
   * A fresh copy of event {@code i}'s key, for the producer (which keeps the array it is given).
   */
  byte[] key(int i) {
    int at = (int) (start[i] % CHUNK_BYTES);
    return Arrays.copyOfRange(chunks.get((int) (start[i] / CHUNK_BYTES)), at, at + keyLength[i]);
  }

  /** A fresh copy of event {@code i}'s value. */
  byte[] value(int i) {
    int at = (int) (start[i] % CHUNK_BYTES) + keyLength[i];
    return Arrays.copyOfRange(chunks.get((int) (start[i] / CHUNK_BYTES)), at, at + valueLength[i]);
  }

  /** The position of the first event of {@code policyholderId} at {@code occurredAt}, or -1. */
  int indexOf(String policyholderId, long occurredAt) {
    long h = hash(policyholderId, occurredAt);
    int mask = slotKey.length - 1;
    for (int s = (int) h & mask; slotKey[s] != 0; s = (s + 1) & mask) {
      if (slotKey[s] == h) {
        return slotIndex[s];
      }
    }
    return -1;
  }

  private void index(long h, int i) {
    int mask = slotKey.length - 1;
    int s = (int) h & mask;
    while (slotKey[s] != 0) {
      if (slotKey[s] == h) {
        return;
      }
      s = (s + 1) & mask;
    }
    slotKey[s] = h;
    slotIndex[s] = i;
  }

  /**
   * FNV-1a over the id's characters, mixed with the time (murmur3's finalizer). Two distinct keys
   * share a hash with odds of about one in 2^64 per pair: a few million events never meet one.
   */
  static long hash(String policyholderId, long occurredAt) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < policyholderId.length(); i++) {
      h = (h ^ policyholderId.charAt(i)) * 0x100000001b3L;
    }
    h ^= occurredAt * 0x9E3779B97F4A7C15L;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }
}
