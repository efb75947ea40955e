package io.lapsewatch.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Turns valid policy events into records that break event contract v1 in the ways real producers
 * do: cut-off JSON, wrong JSON types, huge fields, unknown event types, bad timestamps, invalid
 * UTF-8, missing fields, out-of-range values, glued records, empty and non-object values. Every
 * mutation carries its sequence number, so (except for a few cut-offs and empty values, which are
 * counted as multisets) each one can be found again on the dead-letter topic.
 */
final class Mutations {
  /** The kinds, in the order they are cycled through. */
  static final String[] KINDS = {
    "truncated_json",
    "wrong_type",
    "unknown_type",
    "bad_timestamp",
    "invalid_utf8",
    "missing_field",
    "bad_value",
    "long_field",
    "glued_records",
    "not_an_object",
    "empty_value",
    "huge_field"
  };

  /** About 1 MB: near Kafka's default record limit, far above the contract's 64 KB. */
  static final int HUGE_BYTES = 1_000_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] BAD_TIMES = {
    "yesterday",
    "2025-13-45T10:00:00+08:00",
    "2025-05-01T10:00:00",
    "2150-01-01T00:00:00Z",
    "1900-01-01T00:00:00Z",
    "1714557600",
    ""
  };

  private final Random random;
  private final int hugeEvery;

  /**
   * @param hugeEvery one in this many mutations is a ~1 MB record (they cost memory on every hop)
   */
  Mutations(long seed, int hugeEvery) {
    this.random = new Random(seed);
    this.hugeEvery = hugeEvery;
  }

  /** The kind of mutation number {@code seq}. */
  String kindOf(int seq) {
    if (seq % hugeEvery == hugeEvery - 1) {
      return "huge_field";
    }
    return KINDS[seq % (KINDS.length - 1)];
  }

  /** Mutation number {@code seq} of the valid event {@code valid} (its contract-v1 JSON). */
  byte[] mutate(int seq, byte[] valid) throws IOException {
    ObjectNode e = (ObjectNode) JSON.readTree(valid);
    String id = "mutant-" + seq;
    e.put("eventId", id);
    switch (kindOf(seq)) {
      case "truncated_json":
        {
          byte[] whole = JSON.writeValueAsBytes(e);
          // Cut inside the object: a proper prefix of a JSON object is never a JSON object.
          return java.util.Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1));
        }
      case "wrong_type":
        switch (seq % 4) {
          case 0 -> e.put("policyholderId", 1000 + seq);
          case 1 -> e.put("occurredAt", 1_714_557_600_000L + seq);
          case 2 -> e.putArray("payload").add(seq);
          default -> e.put("type", seq);
        }
        return JSON.writeValueAsBytes(e);
      case "unknown_type":
        e.put("type", seq % 2 == 0 ? "POLICY_TELEPORTED" : "premium_paid");
        return JSON.writeValueAsBytes(e);
      case "bad_timestamp":
        e.put("occurredAt", BAD_TIMES[seq % BAD_TIMES.length]);
        return JSON.writeValueAsBytes(e);
      case "invalid_utf8":
        {
          // A byte sequence no UTF-8 decoder accepts, inside the event id's string.
          byte[] whole = JSON.writeValueAsBytes(e);
          String text = new String(whole, StandardCharsets.UTF_8);
          int at = text.indexOf(id) + id.length();
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
          out.write(head, 0, head.length);
          out.write(seq % 2 == 0 ? new byte[] {(byte) 0xC3, 0x28} : new byte[] {(byte) 0xFF});
          byte[] tail = text.substring(at).getBytes(StandardCharsets.UTF_8);
          out.write(tail, 0, tail.length);
          return out.toByteArray();
        }
      case "missing_field":
        e.remove(seq % 3 == 0 ? "policyholderId" : seq % 3 == 1 ? "type" : "occurredAt");
        return JSON.writeValueAsBytes(e);
      case "bad_value":
        // A premium payment of a negative amount: well-formed, but not a real amount.
        e.put("type", "PREMIUM_PAID");
        e.putObject("payload").put("amount", -1.0 - seq);
        return JSON.writeValueAsBytes(e);
      case "long_field":
        // Under the record limit, over the 128-character limit of an identifier.
        e.put("policyholderId", "PH" + "9".repeat(200) + seq);
        return JSON.writeValueAsBytes(e);
      case "glued_records":
        {
          byte[] one = JSON.writeValueAsBytes(e);
          byte[] glued = new byte[one.length * 2];
          System.arraycopy(one, 0, glued, 0, one.length);
          System.arraycopy(one, 0, glued, one.length, one.length);
          return glued;
        }
      case "not_an_object":
        return ("[\"" + id + "\"]").getBytes(StandardCharsets.UTF_8);
      case "empty_value":
        return new byte[0];
      case "huge_field":
        e.put("policyholderNote", id + " " + "x".repeat(HUGE_BYTES));
        return JSON.writeValueAsBytes(e);
      default:
        throw new IllegalStateException("unknown mutation kind " + kindOf(seq));
    }
  }
}
