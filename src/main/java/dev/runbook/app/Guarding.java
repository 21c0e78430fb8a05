package dev.runbook.app;

import dev.runbook.engine.StepGuard;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunRecorder;
import java.util.Map;

/**
 * What a saved plan adds to a run, at the points where it must: before the lock (the params and the
 * state checked against the plan), under the lock before the journal row (applied once), once the
 * run is journaled (its plan recorded), and before each step (the guard).
 */
interface Guarding {

    default void beforeLock(Map<String, Object> params) throws Refusal {
    }

    default void underLock(Journal journal) throws Refusal {
    }

    default void started(RunRecorder recorder) {
    }

    default StepGuard guard() {
        return StepGuard.NONE;
    }

    Guarding NONE = new Guarding() {
    };
}
