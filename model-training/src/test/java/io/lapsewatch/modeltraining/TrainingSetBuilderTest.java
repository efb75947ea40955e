package io.lapsewatch.modeltraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lapsewatch.featurestore.events.Events;
import io.lapsewatch.featurestore.events.PolicyEvent;
import io.lapsewatch.featurestore.features.Feature;
import io.lapsewatch.featurestore.features.FeatureSchema;
import io.lapsewatch.featurestore.features.PolicyholderState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrainingSetBuilderTest {
  /** P1 of H1 renews. */
  private static final LocalDate RENEWAL_1 = LocalDate.of(2025, 6, 30);

  /** P2 of H2 lapses 30 days after its renewal date. */
  private static final LocalDate RENEWAL_2 = LocalDate.of(2025, 7, 15);

  /** P3 of H3 renews after the history ends: no outcome yet. */
  private static final LocalDate RENEWAL_3 = LocalDate.of(2025, 9, 30);

  /** P4 of H4 is cancelled between its two cut-offs. */
  private static final LocalDate RENEWAL_4 = LocalDate.of(2025, 7, 31);

  /** P5 of H5 is issued 20 days before it renews: too late for either cut-off. */
  private static final LocalDate RENEWAL_5 = LocalDate.of(2025, 7, 10);

  private List<PolicyEvent> history;
  private int seq;

  private static Instant at(LocalDate day, int hour) {
    return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
  }

  private static long cutoff(LocalDate renewal, int days) {
    return renewal.minusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private String id() {
    return "e" + seq++;
  }

  private PolicyEvent issue(String holder, String policy, LocalDate renewal, LocalDate on) {
    return Events.issued(
        id(),
        holder,
        at(on, 9),
        policy,
        "MOTOR",
        "AGENT",
        "AG1",
        1000,
        renewal.minusYears(1),
        renewal);
  }

  @BeforeEach
  void writeHistory() {
    List<PolicyEvent> h = new ArrayList<>();
    LocalDate jan = LocalDate.of(2025, 1, 2);
    h.add(issue("H1", "P1", RENEWAL_1, jan));
    h.add(issue("H2", "P2", RENEWAL_2, jan.plusDays(1)));
    h.add(issue("H3", "P3", RENEWAL_3, jan.plusDays(2)));
    h.add(issue("H4", "P4", RENEWAL_4, jan.plusDays(3)));
    // H1: one complaint 45 days before renewal, one 10 days before.
    h.add(Events.complaintOpened(id(), "H1", at(RENEWAL_1.minusDays(45), 10), "P1", "C1"));
    h.add(Events.complaintOpened(id(), "H1", at(RENEWAL_1.minusDays(10), 10), "P1", "C2"));
    // H2 misses a premium 44 days before renewal, and enquires about cancelling exactly at the
    // 30-day cut-off instant.
    h.add(Events.premiumMissed(id(), "H2", at(RENEWAL_2.minusDays(44), 9), "P2", 80));
    h.add(
        Events.serviceContact(id(), "H2", at(RENEWAL_2.minusDays(30), 0), "CANCELLATION_ENQUIRY"));
    h.add(Events.cancelled(id(), "H4", at(LocalDate.of(2025, 6, 15), 11), "P4"));
    h.add(issue("H5", "P5", RENEWAL_5, RENEWAL_5.minusDays(20)));
    h.add(Events.renewed(id(), "H1", at(RENEWAL_1, 10), "P1", 1100, RENEWAL_1.plusYears(1)));
    h.add(Events.renewed(id(), "H5", at(RENEWAL_5, 10), "P5", 1000, RENEWAL_5.plusYears(1)));
    h.add(Events.lapsed(id(), "H2", at(RENEWAL_2.plusDays(30), 8), "P2"));
    // A late event from anyone moves time past H3's cut-offs.
    h.add(Events.session(id(), "H1", at(LocalDate.of(2025, 9, 5), 20), "APP", "HOME"));
    h.sort(Comparator.comparingLong(e -> e.occurredAt));
    history = h;
  }

  private TrainingSetBuilder build() {
    TrainingSetBuilder b = new TrainingSetBuilder(60, 30);
    history.forEach(b::accept);
    return b;
  }

  private static TrainingExample find(List<TrainingExample> xs, String policy, int cutoff) {
    return xs.stream()
        .filter(x -> x.policyId().equals(policy) && x.cutoffDays() == cutoff)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no example for " + policy + " at " + cutoff));
  }

  private static double value(TrainingExample x, Feature f) {
    return x.features()[f.ordinal()];
  }

  @Test
  void snapshotsEveryTermWithAnOutcomeAtEachCutOff() {
    List<TrainingExample> xs = build().examples();

    assertThat(xs)
        .extracting(TrainingExample::policyId, TrainingExample::cutoffDays, TrainingExample::lapsed)
        .containsExactly(
            tuple("P1", 30, false),
            tuple("P1", 60, false),
            tuple("P2", 30, true),
            tuple("P2", 60, true),
            tuple("P4", 60, true));
  }

  @Test
  void snapshotIsTakenAtTheStartOfTheCutOffDay() {
    List<TrainingExample> xs = build().examples();

    for (TrainingExample x : xs) {
      LocalDate renewal = LocalDate.ofEpochDay(x.renewalDate());
      assertThat(x.asOf()).isEqualTo(cutoff(renewal, x.cutoffDays()));
      assertThat(value(x, Feature.DAYS_TO_RENEWAL)).isEqualTo(x.cutoffDays());
      assertThat(x.features()).hasSize(FeatureSchema.size());
    }
    assertThat(find(xs, "P1", 60).renewalDate()).isEqualTo((int) RENEWAL_1.toEpochDay());
    assertThat(find(xs, "P1", 60).policyholderId()).isEqualTo("H1");
  }

  @Test
  void eventsAfterTheCutOffAreNotInTheSnapshot() {
    List<TrainingExample> xs = build().examples();

    // The complaint 45 days before renewal is after the 60-day cut-off but before the 30-day
    // one; the complaint 10 days before renewal is after both.
    assertThat(value(find(xs, "P1", 60), Feature.OPEN_COMPLAINTS)).isZero();
    assertThat(value(find(xs, "P1", 30), Feature.OPEN_COMPLAINTS)).isEqualTo(1);
    assertThat(value(find(xs, "P1", 30), Feature.OLDEST_OPEN_COMPLAINT_DAYS)).isEqualTo(15);

    // The premium missed 44 days before renewal is 14 days overdue at the 30-day cut-off.
    assertThat(value(find(xs, "P2", 60), Feature.MISSED_PREMIUMS_180D)).isZero();
    assertThat(value(find(xs, "P2", 30), Feature.MISSED_PREMIUMS_180D)).isEqualTo(1);
    assertThat(value(find(xs, "P2", 30), Feature.DAYS_OVERDUE)).isEqualTo(14);
  }

  @Test
  void eventExactlyAtTheCutOffIsNotInTheSnapshot() {
    TrainingExample x = find(build().examples(), "P2", 30);

    assertThat(value(x, Feature.CANCELLATION_ENQUIRIES_90D)).isZero();
    assertThat(value(x, Feature.SERVICE_CONTACTS_30D)).isZero();
  }

  @Test
  void snapshotEqualsTheStateOfOnlyTheEventsBeforeTheCutOff() {
    List<TrainingExample> xs = build().examples();

    for (TrainingExample x : xs) {
      PolicyholderState reference = new PolicyholderState();
      history.stream()
          .filter(e -> e.policyholderId.equals(x.policyholderId()) && e.occurredAt < x.asOf())
          .forEach(reference::apply);
      assertThat(x.features())
          .as(x.policyId() + " at " + x.cutoffDays())
          .containsExactly(reference.vector(x.policyholderId(), x.asOf(), x.policyId()).values);
    }
  }

  @Test
  void termWithoutAnOutcomeIsExcluded() {
    TrainingSetBuilder b = build();

    assertThat(b.examples()).extracting(TrainingExample::policyId).doesNotContain("P3");
    assertThat(b.unresolvedTerms()).isEqualTo(1);
  }

  @Test
  void termIssuedAfterItsCutOffsGivesNoExample() {
    assertThat(build().examples()).extracting(TrainingExample::policyId).doesNotContain("P5");
  }

  @Test
  void outOfOrderEventIsRefused() {
    TrainingSetBuilder b = new TrainingSetBuilder(30);
    b.accept(Events.session("late-1", "H1", at(LocalDate.of(2025, 3, 2), 9), "APP", "HOME"));
    PolicyEvent earlier =
        Events.session("early-2", "H1", at(LocalDate.of(2025, 3, 1), 9), "APP", "HOME");

    assertThatThrownBy(() -> b.accept(earlier))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("early-2");
  }

  @Test
  void cutOffsOutsideAYearAreRefused() {
    assertThatThrownBy(() -> new TrainingSetBuilder(30, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> new TrainingSetBuilder())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cut-off");
  }
}
