package io.lapsewatch.retentiondesk;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** A case store in memory for unit tests: the cases it is given, no projection progress. */
final class TestingCaseStore implements CaseStore {
  private final Map<String, RetentionCase> cases = new LinkedHashMap<>();

  void add(RetentionCase c) {
    cases.put(c.caseId(), c);
  }

  private List<String> ids(Predicate<RetentionCase> which) {
    return cases.values().stream()
        .filter(which)
        .sorted(Comparator.comparing(RetentionCase::deadline))
        .map(RetentionCase::caseId)
        .toList();
  }

  @Override
  public Optional<RetentionCase> get(String caseId) {
    return Optional.ofNullable(cases.get(caseId));
  }

  @Override
  public long write(RetentionCase next, int partition, long offset, boolean expectProgress) {
    add(next);
    return 1;
  }

  @Override
  public long advance(int partition, long nextOffset, boolean expectProgress) {
    return 0;
  }

  @Override
  public Map<Integer, Long> progress() {
    return Map.of();
  }

  @Override
  public List<String> openCasesOfOwner(String owner) {
    return ids(c -> !c.isFinished() && c.owner().equals(owner));
  }

  @Override
  public List<String> openCasesOfBranch(String branch) {
    return ids(c -> !c.isFinished() && Objects.equals(c.branch(), branch));
  }

  @Override
  public List<String> casesOfBranchDueSince(String branch, long epochMilli) {
    return ids(
        c ->
            c.status() != CaseStatus.ERASED
                && Objects.equals(c.branch(), branch)
                && c.deadline().toEpochMilli() >= epochMilli);
  }

  @Override
  public List<String> allCases() {
    return ids(c -> true);
  }

  @Override
  public List<String> openCasesDueBefore(long epochMilli) {
    return ids(c -> !c.isFinished() && c.deadline().toEpochMilli() < epochMilli);
  }

  @Override
  public List<String> casesOfPolicyholder(String policyholderId) {
    return ids(c -> Objects.equals(c.policyholderId(), policyholderId));
  }
}
