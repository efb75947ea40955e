package io.lapsewatch.journeys.plan;

import java.util.Locale;

/** Why a policyholder left a journey; the first five may be listed as a plan's exits. */
public enum ExitReason {
  /** The term was renewed. Always applies. */
  RENEWED,
  /** The term lapsed or was cancelled. Always applies. */
  LAPSED,
  /** The policyholder asked not to be contacted. Always applies. */
  OPTED_OUT,
  /** An agent spoke to the policyholder, or an offer reached them (only when the plan lists it). */
  CONTACTED,
  /** A fresh score fell below the plan's risk-fallen band (only when the plan lists it). */
  RISK_FALLEN,
  /** A plan of higher priority took the policyholder over. */
  PREEMPTED,
  /** The plan version the policyholder was on is no longer in the plans file. */
  WITHDRAWN,
  /** The policyholder was erased. */
  ERASED,
  /** The term's outcome window closed with neither renewal nor lapse seen. */
  TERM_ENDED;

  /** The exits every plan has, whether it lists them or not. */
  public static final java.util.Set<ExitReason> ALWAYS =
      java.util.EnumSet.of(RENEWED, LAPSED, OPTED_OUT);

  /** The exits a plan may list. */
  public static final java.util.Set<ExitReason> LISTABLE =
      java.util.EnumSet.of(RENEWED, LAPSED, OPTED_OUT, CONTACTED, RISK_FALLEN);

  /** Metric label and YAML spelling: {@code opted-out} in YAML, {@code opted_out} as a label. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The YAML spelling, e.g. {@code risk-fallen}. */
  public String yamlName() {
    return label().replace('_', '-');
  }
}
