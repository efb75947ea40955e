package io.lapsewatch.journeys.engine;

import io.lapsewatch.alertcontract.Alert;

/**
 * Something the scoring job learnt about a policyholder that a journey may act on. A POJO so Flink
 * keeps it without Kryo; the factories say which fields each kind uses.
 */
public class JourneySignal {
  public SignalKind kind;
  public String policyholderId;

  /** Event time (epoch ms). */
  public long at;

  /** The policy the signal is about (not for ALERT, ERASURE, CONSENT). */
  public String policyId;

  /** ALERT and ERASURE: the decision's alert or the erasure marker. */
  public Alert alert;

  /** RISK: the fresh score. */
  public double score;

  /** RISK: epoch day of the latest digital session the features know of. */
  public int lastSessionDay;

  /** CALLBACK_RESULT: the result the agent reported, e.g. UNREACHABLE. */
  public String result;

  /** CONSENT: true when the policyholder asked not to be contacted. */
  public boolean doNotContact;

  public JourneySignal() {}

  private static JourneySignal of(SignalKind kind, String holder, long at, String policyId) {
    JourneySignal s = new JourneySignal();
    s.kind = kind;
    s.policyholderId = holder;
    s.at = at;
    s.policyId = policyId;
    return s;
  }

  /** The decision's alert (or erasure marker) as a signal at its as-of time. */
  public static JourneySignal alert(Alert a) {
    JourneySignal s =
        of(a.erasure ? SignalKind.ERASURE : SignalKind.ALERT, a.policyholderId, a.asOf, a.policyId);
    s.alert = a;
    return s;
  }

  public static JourneySignal risk(
      String holder, long at, String policyId, double score, int lastSessionDay) {
    JourneySignal s = of(SignalKind.RISK, holder, at, policyId);
    s.score = score;
    s.lastSessionDay = lastSessionDay;
    return s;
  }

  public static JourneySignal termEnded(String holder, long at, String policyId, boolean renewed) {
    return of(renewed ? SignalKind.RENEWED : SignalKind.LAPSED, holder, at, policyId);
  }

  public static JourneySignal callbackResult(
      String holder, long at, String policyId, String result) {
    JourneySignal s = of(SignalKind.CALLBACK_RESULT, holder, at, policyId);
    s.result = result;
    return s;
  }

  public static JourneySignal offerReceived(String holder, long at, String policyId) {
    return of(SignalKind.OFFER_RECEIVED, holder, at, policyId);
  }

  public static JourneySignal consent(String holder, long at, boolean doNotContact) {
    JourneySignal s = of(SignalKind.CONSENT, holder, at, null);
    s.doNotContact = doNotContact;
    return s;
  }

  @Override
  public String toString() {
    return "JourneySignal{" + kind + " at=" + at + "}";
  }
}
