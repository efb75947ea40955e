package io.lapsewatch.flinkjobs.functions;

import io.lapsewatch.featurestore.events.EventType;

/**
 * A policy term ending (renewed, lapsed or cancelled), for outcome tracking; or a retention desk's
 * result on a term (CALLBACK_COMPLETED with its result, OFFER_SENT), for journeys.
 */
public class TermEvent {
  public String policyholderId;
  public String policyId;
  public EventType type;
  public long at;

  /** CALLBACK_COMPLETED: the result, e.g. UNREACHABLE; else null. */
  public String detail;

  public TermEvent() {}

  public TermEvent(String policyholderId, String policyId, EventType type, long at) {
    this.policyholderId = policyholderId;
    this.policyId = policyId;
    this.type = type;
    this.at = at;
  }
}
