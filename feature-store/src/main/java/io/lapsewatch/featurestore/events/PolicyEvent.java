package io.lapsewatch.featurestore.events;

import java.util.Objects;

/**
 * A validated policyholder event (contract v1), flattened so Flink serializes it as a POJO.
 *
 * <p>Payload fields that do not apply to the event's type stay at their defaults (null, 0, false).
 * Dates are epoch days; instants are epoch milliseconds.
 */
public class PolicyEvent {
  public String eventId;
  public String policyholderId;
  public EventType type;
  public long occurredAt;
  public String policyId;

  /** POLICY_ISSUED: product line, e.g. MOTOR, HOME, LIFE, HEALTH. */
  public String product;

  /**
   * POLICY_ISSUED: sales channel (AGENT, DIRECT, BROKER, BANK); DIGITAL_SESSION: APP/WECHAT/WEB;
   * CONTACT_CONSENT_CHANGED: the channel the consent was changed for (optional).
   */
  public String channel;

  /** POLICY_ISSUED, AGENT_LEFT: the servicing agent. */
  public String agentId;

  /** POLICY_ISSUED, POLICY_RENEWED: annual premium of the term. */
  public double annualPremium;

  /** POLICY_ISSUED: first day of the term (epoch day). */
  public int startDate;

  /** POLICY_ISSUED, POLICY_RENEWED: renewal date of the term (epoch day). */
  public int endDate;

  /** PREMIUM_PAID, PREMIUM_MISSED, CLAIM_FILED: amount. */
  public double amount;

  /** CLAIM_*: claim id; COMPLAINT_*: complaint id; OFFER_SENT: offer id. */
  public String refId;

  /** CLAIM_SETTLED: whether the claim was paid. */
  public boolean approved;

  /** CLAIM_SETTLED: days from filing to settlement. */
  public int daysToSettle;

  /** SURVEY_RESPONSE: NPS (0-10) or CSAT (1-5). */
  public String survey;

  /** SURVEY_RESPONSE: the score given. */
  public int score;

  /** DIGITAL_SESSION: page visited, e.g. RENEWAL, CLAIMS, HOME. */
  public String page;

  /** SERVICE_CONTACT: topic, e.g. CANCELLATION_ENQUIRY; CALLBACK_COMPLETED: result. */
  public String topic;

  /**
   * CONTACT_CONSENT_CHANGED: true = the policyholder opted out of retention contacts, false =
   * contact allowed again. ({@link #channel} optionally names the channel the change was made for.)
   */
  public boolean doNotContact;

  /** RENEWAL_QUOTED: premium of the current term. */
  public double lastPremium;

  /** RENEWAL_QUOTED: premium quoted for the next term. */
  public double newPremium;

  public PolicyEvent() {}

  /** Epoch day of {@link #occurredAt} in UTC. */
  public int day() {
    return (int) Math.floorDiv(occurredAt, 86_400_000L);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PolicyEvent)) {
      return false;
    }
    PolicyEvent e = (PolicyEvent) o;
    return occurredAt == e.occurredAt
        && Double.compare(annualPremium, e.annualPremium) == 0
        && startDate == e.startDate
        && endDate == e.endDate
        && Double.compare(amount, e.amount) == 0
        && approved == e.approved
        && doNotContact == e.doNotContact
        && daysToSettle == e.daysToSettle
        && score == e.score
        && Double.compare(lastPremium, e.lastPremium) == 0
        && Double.compare(newPremium, e.newPremium) == 0
        && Objects.equals(eventId, e.eventId)
        && Objects.equals(policyholderId, e.policyholderId)
        && type == e.type
        && Objects.equals(policyId, e.policyId)
        && Objects.equals(product, e.product)
        && Objects.equals(channel, e.channel)
        && Objects.equals(agentId, e.agentId)
        && Objects.equals(refId, e.refId)
        && Objects.equals(survey, e.survey)
        && Objects.equals(page, e.page)
        && Objects.equals(topic, e.topic);
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, policyholderId, type, occurredAt);
  }

  @Override
  public String toString() {
    // Only ids and the type: events may carry personal data.
    return "PolicyEvent{" + type + " " + eventId + " policy=" + policyId + "}";
  }
}
