package io.lapsewatch.cli;

import java.util.List;

/**
 * The demo's topic names. On a shared external broker they get a per-run prefix, so a demo never
 * reads another run's records.
 */
record DemoTopics(String prefix) {
  static DemoTopics local() {
    return new DemoTopics("");
  }

  static DemoTopics onSharedBroker() {
    return new DemoTopics("demo-" + System.currentTimeMillis() + "-");
  }

  String events() {
    return prefix + "policy-events";
  }

  String eventsDeadLetters() {
    return prefix + "policy-events-dlq";
  }

  String alerts() {
    return prefix + "retention-alerts";
  }

  String alertsDeadLetters() {
    return prefix + "retention-alerts-dlq";
  }

  String outcomes() {
    return prefix + "retention-outcomes";
  }

  String actions() {
    return prefix + "retention-actions";
  }

  /**
   * Created up front, outcomes and actions included: the alerts service reads and writes them from
   * its start and never creates a topic itself.
   */
  List<String> createdUpFront() {
    return List.of(
        events(), eventsDeadLetters(), alerts(), alertsDeadLetters(), outcomes(), actions());
  }
}
