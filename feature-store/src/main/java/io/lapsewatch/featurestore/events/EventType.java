package io.lapsewatch.featurestore.events;

/**
 * Kinds of policyholder event in contract v1; anything else is rejected to the dead-letter topic.
 *
 * <p>Add new kinds at the end only: the scoring job's state and network records store a kind by its
 * position.
 */
public enum EventType {
  POLICY_ISSUED,
  POLICY_RENEWED,
  POLICY_LAPSED,
  POLICY_CANCELLED,
  PREMIUM_PAID,
  PREMIUM_MISSED,
  CLAIM_FILED,
  CLAIM_SETTLED,
  COMPLAINT_OPENED,
  COMPLAINT_RESOLVED,
  SURVEY_RESPONSE,
  DIGITAL_SESSION,
  SERVICE_CONTACT,
  AGENT_LEFT,
  RENEWAL_QUOTED,
  OFFER_SENT,
  CALLBACK_COMPLETED,
  /** Right to erasure: forget the policyholder in job state and the feature store. */
  POLICYHOLDER_ERASED,
  /**
   * The policyholder's contact consent changed: {@code doNotContact} true = opted out of retention
   * contacts, false = contact allowed again. Not a feature input; the job's contact rules keep it.
   */
  CONTACT_CONSENT_CHANGED
}
