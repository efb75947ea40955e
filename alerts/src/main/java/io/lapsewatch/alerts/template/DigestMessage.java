package io.lapsewatch.alerts.template;

import java.util.List;

/**
 * Alerts folded into one message because a channel's rate limit was reached.
 *
 * @param title e.g. "12 more retention alerts (rate limit reached)"
 * @param lines one short line per alert: policy, action, risk, deadline
 * @param links one link per alert (same order as lines; empty strings when no link template)
 * @param footer how to find the rest
 */
public record DigestMessage(String title, List<String> lines, List<String> links, String footer) {
  public DigestMessage {
    lines = List.copyOf(lines);
    links = List.copyOf(links);
  }
}
