package io.lapsewatch.alerts.delivery;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code permits} messages per {@code window} to one receiver, e.g. {@code 20/1m} for a
 * WeCom or DingTalk robot. Written {@code N/<window>} with the window in {@code ms}, {@code s},
 * {@code m} or {@code h} (a bare unit means 1 of it: {@code 5/s}), or {@code none}.
 */
public record RateLimit(int permits, Duration window) {
  private static final Pattern SPEC =
      Pattern.compile("(\\d{1,6})\\s*/\\s*(\\d{0,6})\\s*(ms|s|sec|second|m|min|minute|h|hour)");

  public RateLimit {
    if (permits < 1) {
      throw new IllegalArgumentException("rate limit permits must be >= 1, was " + permits);
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("rate limit window must be > 0, was " + window);
    }
  }

  /**
   * Parses a spec; {@code none} gives empty.
   *
   * @throws IllegalArgumentException saying what the spec should look like
   */
  public static Optional<RateLimit> parse(String spec) {
    String s = spec.strip().toLowerCase(Locale.ROOT);
    if (s.equals("none") || s.equals("off")) {
      return Optional.empty();
    }
    Matcher m = SPEC.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "must look like 20/1m, 5/s or none (permits/window with ms, s, m or h)");
    }
    int permits = Integer.parseInt(m.group(1));
    long count = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
    Duration unit =
        switch (m.group(3)) {
          case "ms" -> Duration.ofMillis(1);
          case "s", "sec", "second" -> Duration.ofSeconds(1);
          case "m", "min", "minute" -> Duration.ofMinutes(1);
          default -> Duration.ofHours(1);
        };
    if (permits < 1 || count < 1) {
      throw new IllegalArgumentException("permits and window must be >= 1");
    }
    return Optional.of(new RateLimit(permits, unit.multipliedBy(count)));
  }

  /**
   * The documented limits of each chat channel: WeCom and DingTalk robots 20 per minute, Feishu 5
   * per second, Slack about 1 per second per channel, Teams workflows 4 per second (the old
   * connector's limit; Power Automate throttles too). Email and the rest: none.
   */
  public static Optional<RateLimit> defaultFor(String channel) {
    return switch (channel) {
      case "wecom", "dingtalk" -> Optional.of(new RateLimit(20, Duration.ofMinutes(1)));
      case "feishu" -> Optional.of(new RateLimit(5, Duration.ofSeconds(1)));
      case "slack" -> Optional.of(new RateLimit(1, Duration.ofSeconds(1)));
      case "teams" -> Optional.of(new RateLimit(4, Duration.ofSeconds(1)));
      default -> Optional.empty();
    };
  }

  @Override
  public String toString() {
    return permits + "/" + window.toMillis() + "ms";
  }
}
