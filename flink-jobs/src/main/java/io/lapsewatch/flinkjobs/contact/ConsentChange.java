package io.lapsewatch.flinkjobs.contact;

import io.lapsewatch.featurestore.events.PolicyEvent;

/**
 * A policyholder's contact consent as of an event time, on its way from the features operator to
 * the contact rules; or, with {@link #erasure}, the instruction to forget the policyholder's
 * consent. A POJO so Flink serializes it without Kryo.
 */
public class ConsentChange {
  public String policyholderId;
  public String eventId;
  public long at;
  public boolean doNotContact;
  public boolean erasure;

  public ConsentChange() {}

  /** The change a CONTACT_CONSENT_CHANGED event makes. */
  public static ConsentChange of(PolicyEvent e) {
    ConsentChange c = new ConsentChange();
    c.policyholderId = e.policyholderId;
    c.eventId = e.eventId;
    c.at = e.occurredAt;
    c.doNotContact = e.doNotContact;
    return c;
  }

  /** The policyholder was erased: their consent state goes too. */
  public static ConsentChange erasure(String policyholderId, long at) {
    ConsentChange c = new ConsentChange();
    c.policyholderId = policyholderId;
    c.eventId = "";
    c.at = at;
    c.erasure = true;
    return c;
  }

  @Override
  public String toString() {
    // Ids only: no personal data.
    return "ConsentChange{" + eventId + (erasure ? " erasure" : " dnc=" + doNotContact) + "}";
  }
}
