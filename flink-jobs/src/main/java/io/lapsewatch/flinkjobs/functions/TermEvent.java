package io.lapsewatch.flinkjobs.functions;

import io.lapsewatch.featurestore.events.EventType;

/** A policy term ending (renewed, lapsed or cancelled), for outcome tracking. */
public class TermEvent {
  public String policyholderId;
  public String policyId;
  public EventType type;
  public long at;

  public TermEvent() {}

  public TermEvent(String policyholderId, String policyId, EventType type, long at) {
    this.policyholderId = policyholderId;
    this.policyId = policyId;
    this.type = type;
    this.at = at;
  }
}
