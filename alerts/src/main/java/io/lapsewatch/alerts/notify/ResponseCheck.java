package io.lapsewatch.alerts.notify;

/**
 * Reads a chat API's answer. Many of them answer HTTP 200 with an error code in the body, so the
 * status alone cannot say whether a message was delivered.
 */
@FunctionalInterface
public interface ResponseCheck {

  /** What to do after a response. */
  enum Kind {
    /** Delivered. */
    OK,
    /** A transient failure: retry after the backoff. */
    RETRY,
    /** Throttled: retry after Retry-After if given, else after the backoff. */
    RATE_LIMITED,
    /** Retrying cannot help (bad URL, bad signature, message rejected). */
    PERMANENT
  }

  /** The judgement and, unless OK, why in words an operator can act on. */
  record Verdict(Kind kind, String detail) {
    /** Delivered. */
    public static Verdict ok() {
      return new Verdict(Kind.OK, "");
    }
  }

  /** Judges one response; {@code body} may be empty. */
  Verdict check(int status, String body);

  /** HTTP only: 2xx delivered, 429 throttled, 5xx transient, any other status permanent. */
  static ResponseCheck httpStatus() {
    return (status, body) -> {
      if (status >= 200 && status < 300) {
        return Verdict.ok();
      }
      String detail = "answered HTTP " + status;
      if (status == 429) {
        return new Verdict(Kind.RATE_LIMITED, detail);
      }
      if (status >= 500) {
        return new Verdict(Kind.RETRY, detail);
      }
      return new Verdict(Kind.PERMANENT, detail);
    };
  }
}
