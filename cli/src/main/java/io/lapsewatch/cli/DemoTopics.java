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

  String caseEvents() {
    return prefix + "retention-case-events";
  }

  /**
   * Created up front, outcomes, actions and case events included: the alerts service and its
   * retention desk read and write them from their start and never create a topic themselves.
   */
  List<String> createdUpFront() {
    return List.of(
        events(),
        eventsDeadLetters(),
        alerts(),
        alertsDeadLetters(),
        outcomes(),
        actions(),
        caseEvents());
  }
}
