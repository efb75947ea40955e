package io.lapsewatch.journeys.plan;

/** A plans file that cannot be used; the message names the file, the key path and the value. */
public class PlanException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PlanException(String message) {
    super(message);
  }
}
