package io.lapsewatch.journeys.engine;

import io.lapsewatch.alertcontract.Alert;
import io.lapsewatch.alertcontract.RiskBand;

/**
 * Where one policyholder is in their journey: the plan version they entered, the next step and its
 * window, and what the job has learnt since entry. A POJO: the scoring job keeps it in keyed state,
 * so it survives restarts with its checkpoints.
 */
public class JourneyState {
  public String plan;
  public int version;
  public int priority;

  /** The decision's alert that started the journey: the template of every step's alert. */
  public Alert entry;

  public long enteredAt;

  /** Index of the next step. */
  public int step;

  /** When the next step's window opens and closes (epoch ms). */
  public long windowOpensAt;

  public long windowClosesAt;

  /** When the last action went out (entry time before the first). */
  public long lastActionAt;

  /** True once an action reached the policyholder or an agent: later steps are follow-ups. */
  public boolean contacted;

  public double score;
  public RiskBand band;

  /** Epoch day of the latest digital session known. */
  public int lastSessionDay = Integer.MIN_VALUE;

  /** Callback results of this journey that were UNREACHABLE or WRONG_CONTACT. */
  public int unreachable;

  /** True once an offer of this journey reached the policyholder. */
  public boolean offerReceived;

  public JourneyState() {}

  public String policyId() {
    return entry.policyId;
  }

  @Override
  public String toString() {
    return "JourneyState{" + plan + " v" + version + " step " + step + "}";
  }
}
