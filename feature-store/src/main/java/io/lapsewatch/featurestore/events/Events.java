package io.lapsewatch.featurestore.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Factories for contract-v1 events with the fields each type needs, for tests, notebooks and
 * crafted scenarios. Ids are whatever the caller passes; nothing here is random.
 */
public final class Events {
  private Events() {}

  private static PolicyEvent base(
      String eventId, String policyholderId, EventType type, Instant at, String policyId) {
    PolicyEvent e = new PolicyEvent();
    e.eventId = eventId;
    e.policyholderId = policyholderId;
    e.type = type;
    e.occurredAt = at.toEpochMilli();
    e.policyId = policyId;
    return e;
  }

  public static PolicyEvent issued(
      String eventId,
      String holder,
      Instant at,
      String policyId,
      String product,
      String channel,
      String agentId,
      double annualPremium,
      LocalDate start,
      LocalDate renewal) {
    PolicyEvent e = base(eventId, holder, EventType.POLICY_ISSUED, at, policyId);
    e.product = product;
    e.channel = channel;
    e.agentId = agentId;
    e.annualPremium = annualPremium;
    e.startDate = (int) start.toEpochDay();
    e.endDate = (int) renewal.toEpochDay();
    return e;
  }

  public static PolicyEvent renewed(
      String eventId, String holder, Instant at, String policyId, double premium, LocalDate next) {
    PolicyEvent e = base(eventId, holder, EventType.POLICY_RENEWED, at, policyId);
    e.annualPremium = premium;
    e.endDate = (int) next.toEpochDay();
    return e;
  }

  public static PolicyEvent lapsed(String eventId, String holder, Instant at, String policyId) {
    return base(eventId, holder, EventType.POLICY_LAPSED, at, policyId);
  }

  public static PolicyEvent cancelled(String eventId, String holder, Instant at, String policyId) {
    return base(eventId, holder, EventType.POLICY_CANCELLED, at, policyId);
  }

  public static PolicyEvent premiumPaid(
      String eventId, String holder, Instant at, String policyId, double amount) {
    PolicyEvent e = base(eventId, holder, EventType.PREMIUM_PAID, at, policyId);
    e.amount = amount;
    return e;
  }

  public static PolicyEvent premiumMissed(
      String eventId, String holder, Instant at, String policyId, double amount) {
    PolicyEvent e = base(eventId, holder, EventType.PREMIUM_MISSED, at, policyId);
    e.amount = amount;
    return e;
  }

  public static PolicyEvent claimFiled(
      String eventId, String holder, Instant at, String policyId, String claimId, double amount) {
    PolicyEvent e = base(eventId, holder, EventType.CLAIM_FILED, at, policyId);
    e.refId = claimId;
    e.amount = amount;
    return e;
  }

  public static PolicyEvent claimSettled(
      String eventId,
      String holder,
      Instant at,
      String policyId,
      String claimId,
      boolean approved,
      int daysToSettle) {
    PolicyEvent e = base(eventId, holder, EventType.CLAIM_SETTLED, at, policyId);
    e.refId = claimId;
    e.approved = approved;
    e.daysToSettle = daysToSettle;
    return e;
  }

  public static PolicyEvent complaintOpened(
      String eventId, String holder, Instant at, String policyId, String complaintId) {
    PolicyEvent e = base(eventId, holder, EventType.COMPLAINT_OPENED, at, policyId);
    e.refId = complaintId;
    return e;
  }

  public static PolicyEvent complaintResolved(
      String eventId, String holder, Instant at, String policyId, String complaintId) {
    PolicyEvent e = base(eventId, holder, EventType.COMPLAINT_RESOLVED, at, policyId);
    e.refId = complaintId;
    return e;
  }

  public static PolicyEvent survey(
      String eventId, String holder, Instant at, String survey, int score) {
    PolicyEvent e = base(eventId, holder, EventType.SURVEY_RESPONSE, at, null);
    e.survey = survey;
    e.score = score;
    return e;
  }

  public static PolicyEvent session(
      String eventId, String holder, Instant at, String channel, String page) {
    PolicyEvent e = base(eventId, holder, EventType.DIGITAL_SESSION, at, null);
    e.channel = channel;
    e.page = page;
    return e;
  }

  public static PolicyEvent serviceContact(
      String eventId, String holder, Instant at, String topic) {
    PolicyEvent e = base(eventId, holder, EventType.SERVICE_CONTACT, at, null);
    e.topic = topic;
    return e;
  }

  public static PolicyEvent agentLeft(
      String eventId, String holder, Instant at, String policyId, String agentId) {
    PolicyEvent e = base(eventId, holder, EventType.AGENT_LEFT, at, policyId);
    e.agentId = agentId;
    return e;
  }

  public static PolicyEvent renewalQuoted(
      String eventId,
      String holder,
      Instant at,
      String policyId,
      double lastPremium,
      double newPremium) {
    PolicyEvent e = base(eventId, holder, EventType.RENEWAL_QUOTED, at, policyId);
    e.lastPremium = lastPremium;
    e.newPremium = newPremium;
    return e;
  }

  public static PolicyEvent erased(String eventId, String holder, Instant at) {
    return base(eventId, holder, EventType.POLICYHOLDER_ERASED, at, null);
  }

  /** A consent change: {@code doNotContact} true opts out, false allows contact again. */
  public static PolicyEvent consentChanged(
      String eventId, String holder, Instant at, boolean doNotContact, String channel) {
    PolicyEvent e = base(eventId, holder, EventType.CONTACT_CONSENT_CHANGED, at, null);
    e.doNotContact = doNotContact;
    e.channel = channel;
    return e;
  }
}
