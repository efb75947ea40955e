package io.lapsewatch.featurestore.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Makes a dead letter (the original key and value plus headers saying why) fit one Kafka record
 * limit, so that no record, however large, can stop the job or the alerts service: a dead letter
 * that the broker refuses would fail the write, and the source offset could never be committed.
 *
 * <p>Small records pass untouched, byte for byte. A value that does not fit is cut to what does,
 * and headers record that ({@value #TRUNCATED}), the original size ({@value #ORIGINAL_SIZE}) and
 * its SHA-256 ({@value #ORIGINAL_SHA256}), so the original can still be identified in the source
 * topic. Keys above {@value #MAX_KEY_BYTES} bytes are cut the same way (their own size and hash
 * headers), and every header value is cut to {@value #MAX_HEADER_VALUE_BYTES} bytes on a UTF-8
 * character boundary.
 *
 * <p>The limit is on Kafka's own upper bound of the record's size in a batch ({@link
 * #sizeUpperBound}), which is what the producer compares with {@code max.request.size} and close to
 * what the broker compares with the topic's {@code max.message.bytes}. The default leaves {@value
 * #HEADROOM_BYTES} bytes of Kafka's default 1 MiB for compression of incompressible bytes and for a
 * topic configured a little below the broker default; see {@link #limitFor}.
 */
public final class DeadLetterFit {
  /**
   * Kafka's default {@code max.request.size} (the broker's {@code message.max.bytes} is 12 more).
   */
  public static final int KAFKA_DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

  /** What the limit keeps free below {@code max.request.size}. */
  public static final int HEADROOM_BYTES = 48_576;

  /** The record limit with Kafka's defaults: 1,000,000 bytes. */
  public static final int DEFAULT_LIMIT = KAFKA_DEFAULT_MAX_REQUEST_SIZE - HEADROOM_BYTES;

  /** The smallest limit accepted: room for a useful prefix after key and headers. */
  public static final int MIN_LIMIT = 64 * 1024;

  /** Longest header value kept, in UTF-8 bytes. */
  public static final int MAX_HEADER_VALUE_BYTES = 1024;

  /** Longest key kept, in bytes; contract keys (ids) are at most 128. */
  public static final int MAX_KEY_BYTES = 1024;

  /** Most headers a caller may add (this class adds up to five more). */
  public static final int MAX_HEADERS = 16;

  /** Header: {@code true} when the value or the key was cut. */
  public static final String TRUNCATED = "lw.dlq.truncated";

  /** Header: the original value's size in bytes (decimal), when it was cut. */
  public static final String ORIGINAL_SIZE = "lw.dlq.original-size";

  /** Header: the original value's SHA-256 (lower-case hex), when it was cut. */
  public static final String ORIGINAL_SHA256 = "lw.dlq.original-sha256";

  /** Header: the original key's size in bytes, when it was cut. */
  public static final String ORIGINAL_KEY_SIZE = "lw.dlq.original-key-size";

  /** Header: the original key's SHA-256, when it was cut. */
  public static final String ORIGINAL_KEY_SHA256 = "lw.dlq.original-key-sha256";

  /** The producer setting the limit follows. */
  public static final String MAX_REQUEST_SIZE = "max.request.size";

  // Kafka's record batch v2 header, and the worst case of a record's own framing: length (5),
  // attributes (1), timestamp delta (10), offset delta (5), key and value lengths (5 + 5) and
  // header count (5); each header adds its name and value lengths (5 + 5).
  private static final int BATCH_OVERHEAD = 61;
  private static final int RECORD_OVERHEAD = 5 + 1 + 10 + 5 + 5 + 5 + 5;
  private static final int HEADER_OVERHEAD = 10;
  private static final int MAX_HEADER_NAME_BYTES = 256;
  private static final byte[] ELLIPSIS = "...".getBytes(StandardCharsets.UTF_8);

  /** One header of a fitted dead letter. */
  public record Header(String name, byte[] value) {
    /** The value as text. */
    public String text() {
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  /** What to write: key, value and headers (given ones first, then this class's own). */
  public record Fitted(byte[] key, byte[] value, List<Header> headers, boolean truncated) {
    /** Kafka's upper bound of this record's size, never above the limit it was fitted to. */
    public int sizeUpperBound() {
      return DeadLetterFit.sizeUpperBound(key, value, headers);
    }
  }

  private final int limit;

  /**
   * @param limit the most bytes a record may take by {@link #sizeUpperBound}
   */
  public DeadLetterFit(int limit) {
    if (limit < MIN_LIMIT) {
      throw new IllegalArgumentException(
          "dead-letter record limit must be at least " + MIN_LIMIT + " bytes, was " + limit);
    }
    this.limit = limit;
  }

  /** With {@link #DEFAULT_LIMIT}. */
  public static DeadLetterFit defaults() {
    return new DeadLetterFit(DEFAULT_LIMIT);
  }

  /**
   * The limit for a producer configured by {@code producerConfig}: its {@value #MAX_REQUEST_SIZE}
   * (Kafka's default when absent) less {@value #HEADROOM_BYTES}. Raising {@code max.request.size}
   * therefore raises the limit; the dead-letter topic's {@code max.message.bytes} must then be
   * raised as well.
   *
   * @throws IllegalArgumentException naming the setting when it is not a number or too small
   */
  public static int limitFor(Map<?, ?> producerConfig) {
    Object v = producerConfig.get(MAX_REQUEST_SIZE);
    if (v == null) {
      return DEFAULT_LIMIT;
    }
    long size;
    try {
      size = Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Kafka producer setting " + MAX_REQUEST_SIZE + " must be a number of bytes, was " + v);
    }
    if (size - HEADROOM_BYTES < MIN_LIMIT || size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "Kafka producer setting "
              + MAX_REQUEST_SIZE
              + " must be in ["
              + (MIN_LIMIT + HEADROOM_BYTES)
              + ", "
              + Integer.MAX_VALUE
              + "] to leave room for dead letters, was "
              + v);
    }
    return (int) (size - HEADROOM_BYTES);
  }

  /** The most bytes a fitted record takes. */
  public int limit() {
    return limit;
  }

  /**
   * The record to write for a dead letter of {@code key} and {@code value} (either may be null)
   * with {@code headers} (in order; null values as empty).
   *
   * @throws IllegalArgumentException with more than {@value #MAX_HEADERS} headers or a header name
   *     over 256 bytes (a programming error, not bad input)
   */
  public Fitted fit(byte[] key, byte[] value, Map<String, String> headers) {
    if (headers.size() > MAX_HEADERS) {
      throw new IllegalArgumentException(
          "at most " + MAX_HEADERS + " dead-letter headers, got " + headers.size());
    }
    List<Header> out = new ArrayList<>(headers.size() + 5);
    headers.forEach((name, text) -> out.add(header(name, text)));
    boolean keyCut = key != null && key.length > MAX_KEY_BYTES;
    byte[] k = key;
    if (keyCut) {
      k = Arrays.copyOf(key, MAX_KEY_BYTES);
      out.add(header(ORIGINAL_KEY_SIZE, Integer.toString(key.length)));
      out.add(header(ORIGINAL_KEY_SHA256, sha256(key)));
    }
    // A cut key already brings the "truncated" header along; count it before deciding.
    int truncatedHeader = HEADER_OVERHEAD + TRUNCATED.length() + "true".length();
    boolean valueCut =
        value != null && sizeUpperBound(k, value, out) + (keyCut ? truncatedHeader : 0) > limit;
    if (valueCut) {
      out.add(header(ORIGINAL_SIZE, Integer.toString(value.length)));
      out.add(header(ORIGINAL_SHA256, sha256(value)));
    }
    if (keyCut || valueCut) {
      out.add(header(TRUNCATED, "true"));
    }
    byte[] v = value;
    if (valueCut) {
      // Positive: key and headers are bounded (about 23 KB at most), the limit is at least 64 KB.
      int room = limit - sizeUpperBound(k, new byte[0], out);
      v = Arrays.copyOf(value, room);
    }
    return new Fitted(k, v, List.copyOf(out), keyCut || valueCut);
  }

  /**
   * An upper bound of the bytes one record takes in a Kafka batch (record batch v2, uncompressed,
   * the batch header included): never below Kafka's own estimate that the producer checks against
   * {@code max.request.size}.
   */
  public static int sizeUpperBound(byte[] key, byte[] value, List<Header> headers) {
    long size = BATCH_OVERHEAD + RECORD_OVERHEAD;
    size += key == null ? 0 : key.length;
    size += value == null ? 0 : value.length;
    for (Header h : headers) {
      size += HEADER_OVERHEAD + utf8Length(h.name()) + h.value().length;
    }
    return (int) Math.min(size, Integer.MAX_VALUE);
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static Header header(String name, String text) {
    if (utf8Length(name) > MAX_HEADER_NAME_BYTES) {
      throw new IllegalArgumentException(
          "dead-letter header name over " + MAX_HEADER_NAME_BYTES + " bytes: " + name);
    }
    byte[] bytes = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    return new Header(name, bytes.length <= MAX_HEADER_VALUE_BYTES ? bytes : cut(bytes));
  }

  /** The longest UTF-8 prefix that, with "...", fits the header limit; never splits a character. */
  private static byte[] cut(byte[] utf8) {
    int end = MAX_HEADER_VALUE_BYTES - ELLIPSIS.length;
    while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
      end--; // utf8[end] continues a character that starts before it
    }
    byte[] out = Arrays.copyOf(utf8, end + ELLIPSIS.length);
    System.arraycopy(ELLIPSIS, 0, out, end, ELLIPSIS.length);
    return out;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
