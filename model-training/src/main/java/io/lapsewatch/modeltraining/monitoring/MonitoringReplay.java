package io.lapsewatch.modeltraining.monitoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replays recorded monitored terms through a {@link MonitoringWindow} day by day, giving the
 * model's health as the job would have reported it at the end of each day: the daily series of a
 * monitoring report.
 */
public final class MonitoringReplay {
  private MonitoringReplay() {}

  /**
   * The health on each day from {@code fromDay} to {@code toDay} (epoch days, inclusive), with the
   * terms of earlier days (within the window) already counted.
   */
  public static List<ModelHealth> daily(
      List<MonitoredTerm> terms,
      ReferenceProfile profile,
      int windowDays,
      int minTerms,
      int fromDay,
      int toDay) {
    if (toDay < fromDay) {
      throw new IllegalArgumentException(
          "monitoring period ends (" + toDay + ") before it starts (" + fromDay + ")");
    }
    List<MonitoredTerm> sorted = new ArrayList<>(terms);
    sorted.sort(Comparator.comparingInt(MonitoringWindow::dayOf));
    MonitoringWindow window = new MonitoringWindow(windowDays);
    List<ModelHealth> out = new ArrayList<>();
    int next = 0;
    // Start a window early so the first reported day already sees a full window.
    for (int day = fromDay - windowDays + 1; day <= toDay; day++) {
      while (next < sorted.size() && MonitoringWindow.dayOf(sorted.get(next)) <= day) {
        MonitoredTerm t = sorted.get(next++);
        if (MonitoringWindow.dayOf(t) > day - windowDays) {
          window.add(t);
        }
      }
      window.advanceTo(day);
      if (day >= fromDay) {
        out.add(window.health(profile, minTerms));
      }
    }
    return out;
  }
}
