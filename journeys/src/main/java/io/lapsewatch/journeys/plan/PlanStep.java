package io.lapsewatch.journeys.plan;

/**
 * One step of a plan. Its window opens {@code afterDays} after the previous step was taken or
 * skipped (after entry for the first step) and stays open {@code withinDays}: the step is taken the
 * first moment its condition holds inside the window, else skipped when the window closes.
 *
 * @param id unique within the plan; the metric label and part of the step alert's id
 * @param afterDays days to wait before the window opens
 * @param withinDays days the window stays open (0: the condition is checked once)
 * @param when the condition
 * @param exitIfSkipped true: a skipped step completes the journey (no later step runs) instead of
 *     going on
 * @param action what the step does
 */
public record PlanStep(
    String id,
    int afterDays,
    int withinDays,
    StepCondition when,
    boolean exitIfSkipped,
    StepAction action)
    implements java.io.Serializable {}
