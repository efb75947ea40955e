package io.lapsewatch.retentiondesk.web;

import io.lapsewatch.retentiondesk.CaseDesk;
import io.lapsewatch.retentiondesk.RecordedResult;
import io.lapsewatch.retentiondesk.ResultKind;
import io.lapsewatch.retentiondesk.RetentionCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** A desk holding fixed cases whose projection never catches up: every result times out. */
final class TestingCaseDesk implements CaseDesk {
  private final Map<String, RetentionCase> cases;
  final List<String> tried = new ArrayList<>();

  TestingCaseDesk(RetentionCase... cases) {
    this.cases =
        java.util.Arrays.stream(cases)
            .collect(java.util.stream.Collectors.toMap(RetentionCase::caseId, c -> c));
  }

  @Override
  public Optional<RetentionCase> find(String caseId) {
    return Optional.ofNullable(cases.get(caseId));
  }

  @Override
  public RecordedResult recordResult(
      String caseId,
      ResultKind resultKind,
      String actor,
      String note,
      Instant nextAttemptAt,
      Instant contactedAt,
      String requestId)
      throws TimeoutException {
    tried.add(actor + " " + resultKind + " " + requestId);
    throw new TimeoutException("the case projection did not reach the end of the topic");
  }
}
