package io.lapsewatch.alertcontract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.featurestore.events.Ids;
import io.lapsewatch.featurestore.events.InvalidRecordException;
import io.lapsewatch.featurestore.events.JsonFields;
import io.lapsewatch.featurestore.events.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Outcome contract v1 as JSON; instants as ISO strings. */
public final class OutcomeJson {
  /** Records above this size are rejected before parsing (an outcome is about 300 bytes). */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  /** Longest time to first contact accepted: ten years, far beyond any policy term's window. */
  public static final long MAX_TIME_TO_FIRST_CONTACT_MS = 3_653L * 24 * 60 * 60 * 1000;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OutcomeJson() {}

  public static byte[] toBytes(Outcome o) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("alertId", o.alertId);
    n.put("policyholderId", o.policyholderId);
    n.put("policyId", o.policyId);
    n.put("arm", o.arm.name());
    n.put("tier", o.tier.name());
    n.put("action", o.action.name());
    n.put("outcome", o.outcome.name());
    n.put("alertedAt", Instant.ofEpochMilli(o.alertedAt).toString());
    n.put("resolvedAt", Instant.ofEpochMilli(o.resolvedAt).toString());
    if (o.timeToFirstContactMs >= 0) {
      n.put("timeToFirstContactMs", o.timeToFirstContactMs);
    }
    if (o.annualPremium >= 0) {
      n.put("annualPremium", o.annualPremium);
    }
    if (o.journey != null) {
      n.put("journey", o.journey);
      n.put("journeyVersion", o.journeyVersion);
      n.put("journeyStep", o.journeyStep);
      n.put("followUp", o.followUp);
    }
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Parses an outcome; throws {@link IOException} naming the bad field (see {@link #read}). */
  public static Outcome parse(byte[] bytes) throws IOException {
    try {
      return read(bytes);
    } catch (InvalidRecordException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Reads and validates one outcome record like {@link AlertJson#read}: strict JSON, ids by {@link
   * Ids}, enums by exact name, instants in [2000, 2100), {@code timeToFirstContactMs} absent or an
   * integer from 0 to ten years.
   *
   * @throws InvalidRecordException with a reason code from {@link StrictJson} or {@link JsonFields}
   */
  public static Outcome read(byte[] bytes) throws InvalidRecordException {
    ObjectNode n = StrictJson.readObject(bytes, MAX_RECORD_BYTES, "outcome");
    Outcome o = new Outcome();
    o.alertId = JsonFields.id(n, "alertId");
    o.policyholderId = JsonFields.id(n, "policyholderId");
    o.policyId = JsonFields.id(n, "policyId");
    o.arm = JsonFields.enumValue(n, "arm", Arm.class);
    o.tier = JsonFields.enumValue(n, "tier", Tier.class);
    o.action = JsonFields.enumValue(n, "action", RetentionAction.class);
    o.outcome = JsonFields.enumValue(n, "outcome", OutcomeKind.class);
    o.alertedAt = JsonFields.epochMilli(n, "alertedAt", ContractRange.EARLIEST, ContractRange.END);
    o.resolvedAt =
        JsonFields.epochMilli(n, "resolvedAt", ContractRange.EARLIEST, ContractRange.END);
    o.timeToFirstContactMs =
        n.hasNonNull("timeToFirstContactMs")
            ? JsonFields.integer(n, "timeToFirstContactMs", 0, MAX_TIME_TO_FIRST_CONTACT_MS)
            : -1;
    // Optional: outcomes written before the field existed say nothing about the premium.
    o.annualPremium =
        n.hasNonNull("annualPremium")
            ? JsonFields.number(n, "annualPremium", 0, ContractRange.MAX_AMOUNT)
            : -1;
    o.journey = JsonFields.optionalId(n, "journey");
    if (o.journey != null) {
      o.journeyVersion =
          (int) JsonFields.integer(n, "journeyVersion", 1, AlertJson.MAX_JOURNEY_VERSION);
      o.journeyStep = JsonFields.id(n, "journeyStep");
      o.followUp = JsonFields.bool(n, "followUp");
    }
    return o;
  }
}
