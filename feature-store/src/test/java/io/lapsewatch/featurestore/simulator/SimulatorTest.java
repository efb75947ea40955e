package io.lapsewatch.featurestore.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lapsewatch.featurestore.events.EventCodec;
import io.lapsewatch.featurestore.events.EventType;
import io.lapsewatch.featurestore.events.InvalidEventException;
import io.lapsewatch.featurestore.events.PolicyEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {
  /** One year of 2,000 policyholders, shared by the tests that only read it. */
  private static List<PolicyEvent> year;

  @BeforeAll
  static void simulateAYear() {
    year = events(SimulationConfig.of(2_000, 365, 42L));
  }

  private static List<PolicyEvent> events(SimulationConfig config) {
    List<PolicyEvent> out = new ArrayList<>();
    new Simulator(config).run(out::add);
    return out;
  }

  private static List<String> jsonLines(SimulationConfig config) {
    List<String> lines = new ArrayList<>();
    new Simulator(config).run(e -> lines.add(EventCodec.toJson(e)));
    return lines;
  }

  @Test
  void sameSeedGivesTheSameEventSequence() {
    List<String> first = jsonLines(SimulationConfig.of(200, 120, 5L));
    List<String> second = jsonLines(SimulationConfig.of(200, 120, 5L));

    assertThat(first).hasSizeGreaterThan(1_000);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void optOutsAreOffByDefaultAndLeaveTheRestOfTheHistoryAlone() throws Exception {
    SimulationConfig config = SimulationConfig.of(200, 120, 5L);
    List<PolicyEvent> plain = new ArrayList<>();
    new Simulator(config).withOptOuts(0).run(plain::add);
    List<PolicyEvent> withOptOuts = new ArrayList<>();
    new Simulator(config).withOptOuts(0.5).run(withOptOuts::add);

    assertThat(year).noneMatch(e -> e.type == EventType.CONTACT_CONSENT_CHANGED);
    assertThat(plain.stream().map(EventCodec::toJson).toList()).isEqualTo(jsonLines(config));
    List<PolicyEvent> optOuts =
        withOptOuts.stream().filter(e -> e.type == EventType.CONTACT_CONSENT_CHANGED).toList();
    assertThat(optOuts).isNotEmpty().allSatisfy(e -> assertThat(e.doNotContact).isTrue());
    assertThat(optOuts.stream().map(e -> e.policyholderId).distinct()).hasSameSizeAs(optOuts);
    for (PolicyEvent e : optOuts) {
      assertThat(EventCodec.parse(EventCodec.toBytes(e))).isEqualTo(e);
    }
    assertThat(withOptOuts.stream().filter(e -> e.type != EventType.CONTACT_CONSENT_CHANGED))
        .containsExactlyElementsOf(plain);
    assertThatThrownBy(() -> new Simulator(config).withOptOuts(-0.1)).hasMessageContaining("-0.1");
  }

  @Test
  void differentSeedGivesADifferentEventSequence() {
    assertThat(jsonLines(SimulationConfig.of(200, 120, 6L)))
        .isNotEqualTo(jsonLines(SimulationConfig.of(200, 120, 5L)));
  }

  @Test
  void runReturnsTheNumberOfEventsItEmitted() {
    List<PolicyEvent> seen = new ArrayList<>();
    long emitted = new Simulator(SimulationConfig.of(50, 60, 1L)).run(seen::add);

    assertThat(emitted).isEqualTo(seen.size()).isPositive();
  }

  @Test
  void eventsComeInEventTimeOrder() {
    for (int i = 1; i < year.size(); i++) {
      if (year.get(i).occurredAt < year.get(i - 1).occurredAt) {
        throw new AssertionError(
            "event "
                + year.get(i).eventId
                + " at position "
                + i
                + " is earlier than the one before");
      }
    }
    assertThat(year.get(0).occurredAt).isLessThanOrEqualTo(year.get(year.size() - 1).occurredAt);
  }

  @Test
  void everySimulatedEventPassesContractValidation() throws InvalidEventException {
    for (PolicyEvent e : year) {
      assertThat(EventCodec.parse(EventCodec.toBytes(e))).isEqualTo(e);
    }
  }

  @Test
  void simulationStaysInsideItsDays() {
    SimulationConfig config = SimulationConfig.of(2_000, 365, 42L);
    long first = config.firstDay() * 86_400_000L;
    long end = (config.firstDay() + 365L) * 86_400_000L;

    assertThat(year).allSatisfy(e -> assertThat(e.occurredAt).isBetween(first, end - 1));
  }

  @Test
  void lapseRateAtRenewalIsBetweenFiveAndFortyPercent() {
    long renewed = year.stream().filter(e -> e.type == EventType.POLICY_RENEWED).count();
    long lapsed = year.stream().filter(e -> e.type == EventType.POLICY_LAPSED).count();
    double lapseRate = lapsed / (double) (renewed + lapsed);

    assertThat(renewed + lapsed).as("renewal outcomes").isGreaterThan(1_000);
    assertThat(lapseRate).isBetween(0.05, 0.40);
  }

  @Test
  void someClientsAreHighValue() {
    List<PolicyEvent> issued =
        year.stream().filter(e -> e.type == EventType.POLICY_ISSUED).toList();
    long highValue = issued.stream().filter(e -> e.annualPremium >= 5000).count();

    assertThat(issued).hasSizeGreaterThanOrEqualTo(2_000);
    assertThat(highValue).isPositive().isLessThan(issued.size());
  }

  @Test
  void everyPolicyholderHasAtLeastOnePolicyIssued() {
    long holders = year.stream().map(e -> e.policyholderId).distinct().count();
    long issuedHolders =
        year.stream()
            .filter(e -> e.type == EventType.POLICY_ISSUED)
            .map(e -> e.policyholderId)
            .distinct()
            .count();

    assertThat(holders).isEqualTo(2_000);
    assertThat(issuedHolders).isEqualTo(holders);
  }

  @Test
  void ndjsonWriterAndReaderRoundTrip(@TempDir Path dir) throws IOException {
    List<PolicyEvent> written = events(SimulationConfig.of(100, 90, 3L));
    Path file = dir.resolve("nested/events.ndjson");
    try (NdjsonEvents.Writer w = new NdjsonEvents.Writer(file)) {
      written.forEach(w);
    }
    List<PolicyEvent> read = new ArrayList<>();

    long lines = NdjsonEvents.read(file, read::add);

    assertThat(read).isEqualTo(written);
    assertThat(lines).isEqualTo(written.size());
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(written.size());
  }

  @Test
  void ndjsonReaderNamesTheLineThatBreaksTheContract(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.ndjson");
    List<PolicyEvent> good = events(SimulationConfig.of(1, 10, 3L));
    String bad =
        "{\"eventId\":\"x\",\"policyholderId\":\"PH1\",\"type\":\"POLICY_TELEPORTED\","
            + "\"occurredAt\":\"2025-01-01T00:00:00Z\",\"payload\":{}}";
    Files.write(file, List.of(EventCodec.toJson(good.get(0)), "", bad), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> NdjsonEvents.read(file, e -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("POLICY_TELEPORTED");
  }

  @Test
  void configRejectsNoPolicyholdersNamingTheOption() {
    assertThatThrownBy(() -> SimulationConfig.of(0, 10, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--policyholders");
    assertThatThrownBy(() -> SimulationConfig.of(10, 0, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--days");
  }
}
