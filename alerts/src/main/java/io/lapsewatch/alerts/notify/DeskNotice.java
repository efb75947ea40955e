package io.lapsewatch.alerts.notify;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A short message from the retention desk to a branch lead (an escalation), not an alert: a title,
 * a few labelled facts (personal ids already masked) and the case link. {@code id} is stable across
 * replays (the case event's id), so receivers and the notification log can drop a second copy.
 */
public record DeskNotice(
    String id,
    String title,
    String why,
    List<Fact> facts,
    String callToAction,
    Optional<URI> link) {
  /** A labelled value. */
  public record Fact(String label, String value) {}

  public DeskNotice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(callToAction, "callToAction");
    facts = List.copyOf(facts);
    Objects.requireNonNull(link, "link");
  }

  /** The notice as plain lines: title, then "label: value" per fact. */
  public String text() {
    StringBuilder b = new StringBuilder(title);
    for (Fact f : facts) {
      b.append('\n').append(f.label()).append(": ").append(f.value());
    }
    return b.append('\n').append(callToAction).toString();
  }
}
