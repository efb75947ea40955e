package io.lapsewatch.retentiondesk;

import io.lapsewatch.featurestore.events.PolicyEvent;
import java.util.Optional;

/**
 * What {@link RetentionDesk#recordResult} did.
 *
 * @param event the case event of the result (the earlier one when {@code repeated})
 * @param caseAfter the case with the result applied
 * @param policyEvent the event written to {@code policy-events}, if the result reports one (empty
 *     when {@code repeated}: nothing was written this time)
 * @param repeated true when the same request had already been recorded: nothing new was written
 */
public record RecordedResult(
    CaseEvent event,
    RetentionCase caseAfter,
    Optional<PolicyEvent> policyEvent,
    boolean repeated) {}
