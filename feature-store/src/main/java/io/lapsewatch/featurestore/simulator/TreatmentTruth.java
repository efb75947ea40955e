package io.lapsewatch.featurestore.simulator;

import io.lapsewatch.featurestore.simulator.RetentionProgramme.Treatment;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated world's ground truth: per renewing term, each action's hidden {@link ResponseType}
 * and true individual effect. For evaluation code only (uplift metrics, the bench): training code
 * must never read it, and it never enters the event stream or the features. Filled by a {@link
 * Simulator#withGroundTruth} run, one entry per term at its renewal quote, in quote order.
 */
public final class TreatmentTruth {
  /** CSV header of {@link #writeCsv}: one row per term and action. */
  public static final String CSV_HEADER = "policyholderId,policyId,renewalDate,action,type,effect";

  /** One renewing term: the policyholder, the policy and its renewal date. */
  public record Term(String policyholderId, String policyId, LocalDate renewalDate) {
    /** The term of a feature vector's renewing policy ({@code renewalDate} as an epoch day). */
    public static Term of(String policyholderId, String policyId, int renewalEpochDay) {
      return new Term(policyholderId, policyId, LocalDate.ofEpochDay(renewalEpochDay));
    }
  }

  /**
   * One action's truth on a term.
   *
   * @param type the hidden response type
   * @param effect P(renew | action) - P(renew | no contact) given the type: -1, 0 or +1, or the
   *     save rate for the homogeneous world's would-be lapsers
   * @param meanEffect the expected effect before the lapse intent and the type were drawn, given
   *     the simulator's state at the quote: the smooth effect an ideal model could approach
   */
  public record ActionTruth(ResponseType type, double effect, double meanEffect) {}

  /**
   * All of a term's truth.
   *
   * @param lapseLogit the simulator's lapse logit at the quote, without its noise: a risk oracle
   * @param wouldLapse whether the term lapses without contact
   */
  public record TermTruth(
      Term term, double lapseLogit, boolean wouldLapse, Map<Treatment, ActionTruth> actions) {
    public TermTruth {
      actions = Collections.unmodifiableMap(new EnumMap<>(actions));
    }

    /** The truth of {@code action} (RENEWAL_OFFER or AGENT_CALLBACK). */
    public ActionTruth of(Treatment action) {
      ActionTruth t = actions.get(action);
      if (t == null) {
        throw new IllegalArgumentException("no ground truth for action " + action);
      }
      return t;
    }
  }

  private final Map<Term, TermTruth> terms = new LinkedHashMap<>();

  void record(TermTruth truth) {
    if (terms.putIfAbsent(truth.term(), truth) != null) {
      throw new IllegalStateException("term recorded twice: " + truth.term().policyId());
    }
  }

  /** The truth of one term, if the simulation quoted it. */
  public Optional<TermTruth> get(Term term) {
    return Optional.ofNullable(terms.get(term));
  }

  /** The true individual effect of {@code action} on {@code term}; fails for an unknown term. */
  public double effect(Term term, Treatment action) {
    TermTruth t = terms.get(term);
    if (t == null) {
      throw new IllegalArgumentException(
          "no ground truth for the term of policy "
              + term.policyId()
              + " renewing "
              + term.renewalDate());
    }
    return t.of(action).effect();
  }

  /** Every term, in quote order. */
  public Collection<TermTruth> terms() {
    return Collections.unmodifiableCollection(terms.values());
  }

  public int size() {
    return terms.size();
  }

  /** How many terms have each type for {@code action}. */
  public Map<ResponseType, Long> mix(Treatment action) {
    Map<ResponseType, Long> mix = new EnumMap<>(ResponseType.class);
    for (TermTruth t : terms.values()) {
      mix.merge(t.of(action).type(), 1L, Long::sum);
    }
    return mix;
  }

  /**
   * Writes {@link #CSV_HEADER} and one row per term and action ({@code offer}, {@code callback},
   * the uplift datasets' action names), effects as -1, 0, 1 or a decimal.
   */
  public void writeCsv(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(CSV_HEADER);
      out.write('\n');
      for (TermTruth t : terms.values()) {
        for (Map.Entry<Treatment, ActionTruth> a : t.actions().entrySet()) {
          out.write(
              String.join(
                  ",",
                  t.term().policyholderId(),
                  t.term().policyId(),
                  t.term().renewalDate().toString(),
                  actionName(a.getKey()),
                  a.getValue().type().name(),
                  number(a.getValue().effect())));
          out.write('\n');
        }
      }
    }
  }

  /** The uplift datasets' name of an action. */
  public static String actionName(Treatment action) {
    switch (action) {
      case RENEWAL_OFFER:
        return "offer";
      case AGENT_CALLBACK:
        return "callback";
      default:
        throw new IllegalArgumentException("not an action: " + action);
    }
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
