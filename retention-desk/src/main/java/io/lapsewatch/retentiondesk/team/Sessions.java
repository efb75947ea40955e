package io.lapsewatch.retentiondesk.team;

import io.lapsewatch.retentiondesk.Signer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The team pages' session cookie value: {@code <expiry>.<hmac>.<user id>}, signed with the link
 * secret. Nothing is kept on the server, so any desk instance accepts any other's sessions; the
 * price is that a session cannot be revoked before it expires (remove the user from the roles file
 * and restart to lock them out: a session of an unknown user is refused).
 */
public final class Sessions {
  /** The cookie's name. */
  public static final String COOKIE = "lw_desk_session";

  /** How long a sign-in lasts: one working day. */
  public static final Duration LIFETIME = Duration.ofHours(12);

  private final Signer signer;
  private final Clock clock;

  public Sessions(byte[] secret, Clock clock) {
    this.signer = new Signer(secret, "session");
    this.clock = clock;
  }

  /** A fresh session value for {@code userId}. */
  public String open(String userId) {
    long expiry = clock.instant().plus(LIFETIME).getEpochSecond();
    return expiry + "." + signer.sign(userId, expiry) + "." + userId;
  }

  /** The signed-in user id of a cookie value, if it is genuine and not expired. */
  public Optional<String> userOf(String value) {
    if (value == null) {
      return Optional.empty();
    }
    int first = value.indexOf('.');
    int second = first < 0 ? -1 : value.indexOf('.', first + 1);
    if (first <= 0 || second < 0) {
      return Optional.empty();
    }
    long expiry;
    try {
      expiry = Long.parseLong(value.substring(0, first));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String userId = value.substring(second + 1);
    if (!signer.verify(userId, expiry, value.substring(first + 1, second))
        || clock.instant().getEpochSecond() > expiry) {
      return Optional.empty();
    }
    return Optional.of(userId);
  }
}
