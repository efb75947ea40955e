package io.lapsewatch.alerts.template;

import java.util.List;
import java.util.Optional;

/**
 * One alert put into words, before any channel's formatting: each notifier lays these parts out as
 * markdown, a card, blocks or an email. Personal attributes in it are already masked (unless
 * masking was switched off) and its free text scrubbed ({@link Scrubber}).
 *
 * @param title one line, e.g. "Agent callback · high-value policyholder at risk"
 * @param urgent true for high-value or critical-risk alerts (channels colour them)
 * @param facts labelled values: policy, agent, risk, renewal, deadline...
 * @param callToAction what to do by when, one sentence
 * @param reasonsLabel "Why" or its translation
 * @param reasons the reasons behind the score, in business words
 * @param link where the case can be opened, if a link template is configured
 * @param linkLabel the text of the link or button
 * @param footer alert id and model version, for support
 */
public record Message(
    String title,
    boolean urgent,
    List<Fact> facts,
    String callToAction,
    String reasonsLabel,
    List<String> reasons,
    Optional<String> link,
    String linkLabel,
    String footer) {

  /** A labelled value. */
  public record Fact(String label, String value) {}

  public Message {
    facts = List.copyOf(facts);
    reasons = List.copyOf(reasons);
  }
}
