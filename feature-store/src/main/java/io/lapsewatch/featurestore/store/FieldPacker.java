package io.lapsewatch.featurestore.store;

import java.util.Arrays;

/**
 * Field names and values of one hash write as a MessagePack array of strings, the form the store's
 * Lua script unpacks with {@code cmsgpack.unpack}. Only the string and array headers are needed.
 */
final class FieldPacker {
  private byte[] buf = new byte[512];
  private int len = 3;
  private final int pairs;
  private int items;

  FieldPacker(int pairs) {
    this.pairs = pairs;
  }

  FieldPacker add(byte[] s) {
    ensure(s.length + 3);
    if (s.length < 32) {
      buf[len++] = (byte) (0xa0 | s.length);
    } else if (s.length < 256) {
      buf[len++] = (byte) 0xd9;
      buf[len++] = (byte) s.length;
    } else if (s.length < 65_536) {
      buf[len++] = (byte) 0xda;
      buf[len++] = (byte) (s.length >>> 8);
      buf[len++] = (byte) s.length;
    } else {
      throw new IllegalArgumentException("field of " + s.length + " bytes is too long to store");
    }
    System.arraycopy(s, 0, buf, len, s.length);
    len += s.length;
    items++;
    return this;
  }

  /** The packed array: an array16 header (so its size is fixed up front) and the strings. */
  byte[] bytes() {
    if (items != 2 * pairs) {
      throw new IllegalStateException(items + " strings packed, expected " + 2 * pairs);
    }
    buf[0] = (byte) 0xdc;
    buf[1] = (byte) (items >>> 8);
    buf[2] = (byte) items;
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
