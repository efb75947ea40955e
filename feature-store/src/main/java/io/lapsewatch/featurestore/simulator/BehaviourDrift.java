package io.lapsewatch.featurestore.simulator;

import java.util.Locale;

/**
 * A shift in the simulated world from one simulated day on, for testing drift monitoring: the
 * model's inputs or the true lapse risk change mid-stream while the same seed still gives the same
 * history up to that day.
 *
 * <ul>
 *   <li>{@link Kind#APP_OUTAGE} ({@code app-outage@DAY}): from that day on no digital session (app,
 *       WeChat, web) reaches the events. Policyholders behave as before, so renewals and lapses are
 *       exactly those without the outage: the model's session features drift while the true risk
 *       does not.
 *   <li>{@link Kind#PRICE_RISE} ({@code price-rise@DAY[:PERCENT]}, default 20): renewal quotes from
 *       that day on are PERCENT higher than they would have been. The price change is visible in
 *       the quote (the {@code RENEWAL_PRICE_CHANGE} feature), and the true lapse propensity rises
 *       through the simulator's price term and, unobserved, because policyholders shop around when
 *       the whole book gets dearer ({@link #SHOPPING_LOGIT_PER_RISE}): the realized lapse rate
 *       exceeds what a model trained before the rise expects.
 * </ul>
 *
 * @param kind what shifts
 * @param fromDay the first shifted day, counted from the simulation's start date (0 = the first
 *     simulated day)
 * @param priceRise the price rise as a fraction (0.2 = 20%); 0 for an outage
 */
public record BehaviourDrift(Kind kind, int fromDay, double priceRise) {
  /** The default {@code price-rise} when no percent is given. */
  public static final double DEFAULT_PRICE_RISE = 0.20;

  /**
   * Lapse logit added per unit of price rise that no feature shows (20% adds 0.8): a rise across
   * the whole book sends policyholders to compare offers elsewhere, beyond what their own quote's
   * change explains.
   */
  public static final double SHOPPING_LOGIT_PER_RISE = 4.0;

  /** What a drift changes. */
  public enum Kind {
    /** Digital sessions stop reaching the events; behaviour unchanged. */
    APP_OUTAGE,
    /** Renewal premiums rise and so does the true lapse propensity. */
    PRICE_RISE
  }

  public BehaviourDrift {
    if (kind == null) {
      throw new IllegalArgumentException("a drift kind is required");
    }
    if (fromDay < 0 || fromDay > 3650) {
      throw new IllegalArgumentException("drift day must be in 0..3650, was " + fromDay);
    }
    if (kind == Kind.APP_OUTAGE && priceRise != 0) {
      throw new IllegalArgumentException("an app outage has no price rise, was " + priceRise);
    }
    if (kind == Kind.PRICE_RISE && !(priceRise > 0 && priceRise <= 1)) {
      throw new IllegalArgumentException(
          "a price rise must be in (0, 100]%, was " + priceRise * 100 + "%");
    }
  }

  /** Digital sessions stop from {@code fromDay} (days after the start date) on. */
  public static BehaviourDrift appOutage(int fromDay) {
    return new BehaviourDrift(Kind.APP_OUTAGE, fromDay, 0);
  }

  /** Renewal quotes {@code percent}% dearer from {@code fromDay} (days after the start) on. */
  public static BehaviourDrift priceRise(int fromDay, double percent) {
    return new BehaviourDrift(Kind.PRICE_RISE, fromDay, percent / 100);
  }

  /**
   * Reads {@code app-outage@DAY} or {@code price-rise@DAY[:PERCENT]} (e.g. {@code app-outage@180},
   * {@code price-rise@120:25}), naming the value on a bad one.
   */
  public static BehaviourDrift parse(String text) {
    String bad =
        "--drift must be app-outage@DAY or price-rise@DAY[:PERCENT] (DAY counted from the start"
            + " date), was '"
            + text
            + "'";
    if (text == null) {
      throw new IllegalArgumentException(bad);
    }
    int at = text.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException(bad);
    }
    String name = text.substring(0, at).trim().toLowerCase(Locale.ROOT);
    String rest = text.substring(at + 1).trim();
    int colon = rest.indexOf(':');
    String dayText = colon < 0 ? rest : rest.substring(0, colon);
    String percentText = colon < 0 ? null : rest.substring(colon + 1).replace("%", "");
    try {
      int day = Integer.parseInt(dayText);
      switch (name) {
        case "app-outage":
          if (percentText != null) {
            throw new IllegalArgumentException(bad);
          }
          return appOutage(day);
        case "price-rise":
          return priceRise(
              day,
              percentText == null ? DEFAULT_PRICE_RISE * 100 : Double.parseDouble(percentText));
        default:
          throw new IllegalArgumentException(bad);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(bad, e);
    }
  }

  /** The option text that {@link #parse} reads back into this drift. */
  @Override
  public String toString() {
    return kind == Kind.APP_OUTAGE
        ? "app-outage@" + fromDay
        : "price-rise@" + fromDay + ":" + (float) (priceRise * 100);
  }
}
