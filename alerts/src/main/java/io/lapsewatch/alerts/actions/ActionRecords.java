package io.lapsewatch.alerts.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.RetentionAction;
import io.lapsewatch.alertcontract.RiskBand;
import io.lapsewatch.alertcontract.Tier;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Records of topic {@code retention-actions} (version 1): a renewal offer to send or a callback
 * task for an agent, one per treated alert, keyed by alert id so a replay overwrites rather than
 * duplicates. Fields: {@code actionId} (= alert id), {@code type} ({@code RENEWAL_OFFER} or {@code
 * CALLBACK_TASK}), {@code alertId}, {@code policyholderId}, {@code policyId}, {@code agentId},
 * {@code tier}, {@code riskBand}, {@code priority} ({@code HIGH} for high-value or critical risk,
 * else {@code NORMAL}), {@code deadline} (ISO date), {@code createdAt} (ISO instant), {@code
 * version}. Optional, present only when the alert sets them (contract v1.1): {@code offerChannel}
 * (the channel the offer should go out by, e.g. {@code EMAIL}), and for a journey step {@code
 * journey} (plan id), {@code journeyVersion} and {@code journeyStep}. Still version 1: a reader
 * that ignores unknown fields reads it as before.
 */
public final class ActionRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Type of a callback task. */
  public static final String CALLBACK_TASK = "CALLBACK_TASK";

  /** Type of a renewal offer. */
  public static final String RENEWAL_OFFER = "RENEWAL_OFFER";

  private ActionRecords() {}

  /** The action an alert asks for. */
  public static String type(Alert a) {
    return a.action == RetentionAction.AGENT_CALLBACK ? CALLBACK_TASK : RENEWAL_OFFER;
  }

  /** HIGH for high-value policyholders and critical risk, else NORMAL. */
  public static String priority(Alert a) {
    return a.tier == Tier.HIGH_VALUE || a.riskBand == RiskBand.CRITICAL ? "HIGH" : "NORMAL";
  }

  /** The record's JSON. */
  public static String toJson(Alert a, Instant createdAt) {
    ObjectNode n = JSON.createObjectNode();
    n.put("version", 1);
    n.put("actionId", a.alertId);
    n.put("type", type(a));
    n.put("alertId", a.alertId);
    n.put("policyholderId", a.policyholderId);
    n.put("policyId", a.policyId);
    n.put("agentId", a.agentId);
    n.put("tier", a.tier.name());
    n.put("riskBand", a.riskBand == null ? null : a.riskBand.name());
    n.put("priority", priority(a));
    n.put("deadline", LocalDate.ofEpochDay(a.deadline).toString());
    n.put("createdAt", createdAt.toString());
    if (a.offerChannel != null) {
      n.put("offerChannel", a.offerChannel);
    }
    if (a.inJourney()) {
      n.put("journey", a.journey);
      n.put("journeyVersion", a.journeyVersion);
      n.put("journeyStep", a.journeyStep);
    }
    return n.toString();
  }
}
