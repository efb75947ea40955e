package io.lapsewatch.featurestore.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one contract record (event, alert, outcome) into a JSON object, strictly: a size limit
 * before parsing, exactly one JSON object, no trailing tokens, and no key twice in any object at
 * any depth.
 *
 * <p>Why duplicate keys are refused: parsers disagree on them (first wins, last wins, error), so
 * {@code {"policyholderId":"A","policyholderId":"B"}} would be one policyholder to a consumer and
 * another to an auditor. Detection happens while the tree is built (Jackson's {@code
 * FAIL_ON_READING_DUP_TREE_KEY}): the tree already looks each key up when it inserts it, so the
 * check costs no extra parsing pass, unlike the streaming parser's {@code
 * STRICT_DUPLICATE_DETECTION}, which keeps a set of keys per object.
 */
public final class StrictJson {
  /** Reason code: the record has no bytes. */
  public static final String EMPTY = "empty";

  /** Reason code: the record is larger than the contract allows. */
  public static final String TOO_LARGE = "too_large";

  /** Reason code: not UTF-8 JSON, or not one JSON object. */
  public static final String MALFORMED_JSON = "malformed_json";

  /** Reason code: a key appears twice in one object. */
  public static final String DUPLICATE_KEY = "duplicate_key";

  // Trailing tokens would let two records glued into one pass as the first alone.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();

  // Jackson's wording for FAIL_ON_READING_DUP_TREE_KEY; StrictJsonTest pins it.
  private static final Pattern DUPLICATE =
      Pattern.compile("^Duplicate field '(.*)' for `ObjectNode`", Pattern.DOTALL);

  private StrictJson() {}

  /**
   * Parses {@code value} as one JSON object of at most {@code maxBytes} bytes.
   *
   * @param what what the record should be, for messages, e.g. {@code "alert"}
   * @throws InvalidRecordException with reason {@value #EMPTY}, {@value #TOO_LARGE}, {@value
   *     #MALFORMED_JSON} or {@value #DUPLICATE_KEY}
   */
  public static ObjectNode readObject(byte[] value, int maxBytes, String what)
      throws InvalidRecordException {
    if (value == null || value.length == 0) {
      throw new InvalidRecordException(EMPTY, "record value is empty");
    }
    if (value.length > maxBytes) {
      throw new InvalidRecordException(
          TOO_LARGE, "record is " + value.length + " bytes, limit " + maxBytes);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(value);
    } catch (MismatchedInputException e) {
      Matcher m = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      if (m.find()) {
        throw new InvalidRecordException(
            DUPLICATE_KEY,
            "key "
                + Printable.quote(m.group(1))
                + " appears more than once in one object (at "
                + Printable.quote(e.getPathReference())
                + "); a record must say each thing once");
      }
      throw malformed(e);
    } catch (IOException e) {
      throw malformed(e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidRecordException(MALFORMED_JSON, what + " record is not a JSON object");
    }
    return (ObjectNode) root;
  }

  private static InvalidRecordException malformed(IOException e) {
    String m =
        String.valueOf(e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage());
    int nl = m.indexOf('\n');
    String first = nl < 0 ? m : m.substring(0, nl);
    // Jackson quotes the offending token; escaped, so no raw control character travels on.
    return new InvalidRecordException(
        MALFORMED_JSON, "not valid UTF-8 JSON: " + Printable.escape(first, 300));
  }
}
