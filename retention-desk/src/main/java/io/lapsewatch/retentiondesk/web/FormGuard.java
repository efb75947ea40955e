package io.lapsewatch.retentiondesk.web;

import io.lapsewatch.retentiondesk.Signer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Protects the desk's forms against cross-site posts, twice over: the browser's own signals ({@code
 * Sec-Fetch-Site}, {@code Origin}) must not name another site, and every form carries a token
 * signed with the server secret for its subject (a case, or a signed-in user) that expires. A page
 * on another site can neither read the token nor make one.
 */
public final class FormGuard {
  /** Name of the hidden form field holding the token. */
  public static final String FIELD = "csrf";

  private final Signer signer;
  private final Duration lifetime;
  private final Clock clock;

  /**
   * @param secret the server secret (the case-link secret; a separate purpose prefix keeps link and
   *     form signatures apart)
   * @param lifetime how long a form may stay open before posting it is refused
   */
  public FormGuard(byte[] secret, Duration lifetime, Clock clock) {
    this.signer = new Signer(secret, "form");
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** A fresh token for a form about {@code subject}. */
  public String token(String subject) {
    long expiry = clock.instant().plus(lifetime).getEpochSecond();
    return signer.token(subject, expiry);
  }

  /**
   * True when the post came from the desk's own page: not cross-site by the browser's signals, and
   * {@code token} signed for {@code subject} and not expired.
   */
  public boolean accepts(Request request, String subject, String token) {
    return sameSite(request) && validToken(subject, token);
  }

  boolean validToken(String subject, String token) {
    OptionalLong expiry = signer.signedExpiry(subject, token);
    return expiry.isPresent() && clock.instant().getEpochSecond() <= expiry.getAsLong();
  }

  /**
   * False when the browser says the post came from another site: {@code Sec-Fetch-Site:
   * cross-site}, or an {@code Origin} whose host and port differ from the request's {@code Host}.
   * (Older in-app browsers send neither; the token still protects them.)
   */
  static boolean sameSite(Request request) {
    String fetchSite = request.getHeaders().get("Sec-Fetch-Site");
    if (fetchSite != null && fetchSite.toLowerCase(Locale.ROOT).equals("cross-site")) {
      return false;
    }
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null) {
      return true;
    }
    if (origin.equals("null")) {
      // Sandboxed frames and some redirects: an opaque origin is never the desk's own page.
      return false;
    }
    String host = request.getHeaders().get(HttpHeader.HOST);
    try {
      URI o = URI.create(origin);
      return host != null
          && o.getRawAuthority() != null
          && o.getRawAuthority().equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
