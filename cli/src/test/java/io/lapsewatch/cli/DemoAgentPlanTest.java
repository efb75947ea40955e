package io.lapsewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lapsewatch.alertcontract.OutcomeKind;
import io.lapsewatch.retentiondesk.CaseAction;
import io.lapsewatch.retentiondesk.ResultKind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The simulated agents' plan: bounded delays, time order, some cases left, results per truth. */
class DemoAgentPlanTest {
  private static final Instant LIVE_START = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant LIVE_END = LIVE_START.plus(Duration.ofDays(400));

  /** 2,000 cases over the first 180 days, half callbacks, each due 14 days after opening. */
  private static List<DemoAgentPlan.AgentCase> book(OutcomeKind truth) {
    List<DemoAgentPlan.AgentCase> cases = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      Instant opened = LIVE_START.plus(Duration.ofMinutes(i * 127L));
      cases.add(
          new DemoAgentPlan.AgentCase(
              "case-" + i,
              URI.create("http://127.0.0.1:1/desk/cases/case-" + i + "?t=1.x"),
              opened,
              opened.plus(Duration.ofDays(14)),
              i % 2 == 0 ? CaseAction.CALLBACK_TASK : CaseAction.RENEWAL_OFFER,
              truth));
    }
    return cases;
  }

  private static Map<String, DemoAgentPlan.AgentCase> byId(List<DemoAgentPlan.AgentCase> cases) {
    Map<String, DemoAgentPlan.AgentCase> m = new HashMap<>();
    cases.forEach(c -> m.put(c.caseId(), c));
    return m;
  }

  @Test
  void shouldTapEveryCaseAfterItOpenedAndBeforeItsDeadlineInTimeOrder() {
    List<DemoAgentPlan.AgentCase> cases = book(OutcomeKind.RECOVERED);
    Map<String, DemoAgentPlan.AgentCase> byId = byId(cases);

    List<DemoAgentPlan.Tap> taps = DemoAgentPlan.plan(cases, 7, LIVE_END);

    assertThat(taps).isNotEmpty();
    for (DemoAgentPlan.Tap t : taps) {
      DemoAgentPlan.AgentCase c = byId.get(t.caseId());
      assertThat(t.at()).isAfterOrEqualTo(c.openedAt().plus(DemoAgentPlan.SOONEST));
      assertThat(t.at()).isBeforeOrEqualTo(c.deadline().minus(DemoAgentPlan.BEFORE_DEADLINE));
      assertThat(t.link()).isEqualTo(c.link());
    }
    for (int i = 1; i < taps.size(); i++) {
      assertThat(taps.get(i).at()).isAfterOrEqualTo(taps.get(i - 1).at());
    }
  }

  @Test
  void shouldLeaveAboutOneCaseInTenUntouched() {
    List<DemoAgentPlan.AgentCase> cases = book(OutcomeKind.RECOVERED);

    Set<String> tapped =
        DemoAgentPlan.plan(cases, 7, LIVE_END).stream()
            .map(DemoAgentPlan.Tap::caseId)
            .collect(Collectors.toSet());

    double untouched = 1 - (double) tapped.size() / cases.size();
    assertThat(untouched).isBetween(0.07, 0.13);
  }

  @Test
  void shouldAnswerACallbackSoonerThanAnOfferInTheMedian() {
    List<DemoAgentPlan.AgentCase> cases = book(OutcomeKind.RECOVERED);
    Map<String, DemoAgentPlan.AgentCase> byId = byId(cases);
    Map<CaseAction, List<Long>> firstDelayMinutes = new HashMap<>();
    Set<String> seen = new java.util.HashSet<>();

    for (DemoAgentPlan.Tap t : DemoAgentPlan.plan(cases, 7, LIVE_END)) {
      if (seen.add(t.caseId())) {
        DemoAgentPlan.AgentCase c = byId.get(t.caseId());
        firstDelayMinutes
            .computeIfAbsent(c.action(), a -> new ArrayList<>())
            .add(Duration.between(c.openedAt(), t.at()).toMinutes());
      }
    }

    long callback = median(firstDelayMinutes.get(CaseAction.CALLBACK_TASK));
    long offer = median(firstDelayMinutes.get(CaseAction.RENEWAL_OFFER));
    assertThat(callback).isBetween(3 * 60L, 5 * 60L);
    assertThat(offer).isBetween(20 * 60L, 28 * 60L);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  @Test
  void shouldLogReachedBeforeTheFinalResultOnSomeCallbacksOnly() {
    List<DemoAgentPlan.AgentCase> cases = book(OutcomeKind.RECOVERED);
    Map<String, DemoAgentPlan.AgentCase> byId = byId(cases);
    Map<String, List<DemoAgentPlan.Tap>> perCase =
        DemoAgentPlan.plan(cases, 7, LIVE_END).stream()
            .collect(Collectors.groupingBy(DemoAgentPlan.Tap::caseId));

    long twoTaps = 0;
    for (List<DemoAgentPlan.Tap> taps : perCase.values()) {
      if (taps.size() == 2) {
        twoTaps++;
        assertThat(byId.get(taps.get(0).caseId()).action()).isEqualTo(CaseAction.CALLBACK_TASK);
        assertThat(taps.get(0).result()).isEqualTo(ResultKind.REACHED);
        assertThat(taps.get(1).result().reached()).isTrue();
        assertThat(taps.get(1).at()).isAfter(taps.get(0).at());
      } else {
        assertThat(taps).hasSize(1);
        assertThat(taps.get(0).result()).isNotEqualTo(ResultKind.REACHED);
      }
    }
    assertThat(twoTaps).isPositive();
  }

  @Test
  void shouldFollowWhatThePolicyholderDid() {
    Map<ResultKind, Long> renewed = finals(OutcomeKind.RECOVERED);
    Map<ResultKind, Long> lapsed = finals(OutcomeKind.LAPSED);

    long renewedAll = renewed.values().stream().mapToLong(Long::longValue).sum();
    assertThat((double) renewed.getOrDefault(ResultKind.ACCEPTED, 0L) / renewedAll)
        .isGreaterThan(0.75);
    assertThat(lapsed).doesNotContainKey(ResultKind.ACCEPTED);
    assertThat(lapsed.keySet())
        .containsExactlyInAnyOrder(
            ResultKind.DECLINED, ResultKind.UNREACHABLE, ResultKind.WRONG_CONTACT);
  }

  private static Map<ResultKind, Long> finals(OutcomeKind truth) {
    Random r = new Random(3);
    Map<ResultKind, Long> counts = new HashMap<>();
    for (int i = 0; i < 1_000; i++) {
      counts.merge(DemoAgentPlan.result(truth, r), 1L, Long::sum);
    }
    return counts;
  }

  @Test
  void shouldRepeatThePlanForTheSameSeedInAnyInputOrderAndChangeItForAnother() {
    List<DemoAgentPlan.AgentCase> cases = book(OutcomeKind.LAPSED);
    List<DemoAgentPlan.AgentCase> reversed = new ArrayList<>(cases);
    java.util.Collections.reverse(reversed);

    assertThat(DemoAgentPlan.plan(reversed, 7, LIVE_END))
        .isEqualTo(DemoAgentPlan.plan(cases, 7, LIVE_END));
    assertThat(DemoAgentPlan.plan(cases, 8, LIVE_END))
        .isNotEqualTo(DemoAgentPlan.plan(cases, 7, LIVE_END));
  }

  @Test
  void shouldPlanNothingAtOrAfterTheEndOfTheLivePeriodOrWithoutTimeBeforeTheDeadline() {
    Instant end = LIVE_START.plus(Duration.ofDays(30));
    DemoAgentPlan.AgentCase noTime =
        new DemoAgentPlan.AgentCase(
            "case-late",
            URI.create("http://127.0.0.1:1/desk/cases/case-late?t=1.x"),
            LIVE_START,
            LIVE_START.plus(Duration.ofMinutes(20)),
            CaseAction.CALLBACK_TASK,
            OutcomeKind.RECOVERED);
    List<DemoAgentPlan.AgentCase> cases = new ArrayList<>(book(OutcomeKind.RECOVERED));
    cases.add(noTime);

    List<DemoAgentPlan.Tap> taps = DemoAgentPlan.plan(cases, 7, end);

    assertThat(taps).isNotEmpty().allMatch(t -> t.at().isBefore(end));
    assertThat(taps).noneMatch(t -> t.caseId().equals("case-late"));
  }
}
