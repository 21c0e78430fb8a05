package dev.runbook.app;

import dev.runbook.journal.Journal;
import dev.runbook.journal.LockHolder;
import dev.runbook.journal.RunRecord;
import dev.runbook.journal.RunStatus;
import dev.runbook.plan.Host;
import java.util.List;
import java.util.Optional;

/**
 * The refusals of {@code runbook undo} that read only the journal, each before anything is written,
 * each with what to do: a run that changed nothing, was already reversed, is still going or whose
 * lock is held, and a later run on the same target that the undo would reverse too.
 */
final class UndoChecks {

    private UndoChecks() {
    }

    static void refuseRun(Journal journal, RunRecord run) throws Refusal {
        String id = run.id();
        if (run.dryRun()) {
            throw new Refusal(Refusal.Kind.INVALID, "run " + id + " was a dry run: it changed nothing, so there is "
                    + "nothing to undo", "'runbook history' lists the runs; undo a real one");
        }
        if (run.origin().undoes().isPresent()) {
            throw new Refusal(Refusal.Kind.INVALID, "run " + id + " is itself the undo of run "
                    + run.origin().undoes().get(), "to redo what that run did, run the runbook again");
        }
        if (run.status() == RunStatus.ROLLED_BACK) {
            throw new Refusal(Refusal.Kind.INVALID, "run " + id + " was rolled back: its own rollback undid the steps "
                    + "it completed", "nothing is left to undo");
        }
        List<RunRecord> undos = journal.undoRuns(id);
        if (!undos.isEmpty()) {
            RunRecord undo = undos.get(0);
            if (undo.status() == RunStatus.SUCCEEDED) {
                throw new Refusal(Refusal.Kind.INVALID, "run " + id + " was already undone by run " + undo.id(),
                        "a run is undone once; 'runbook show " + undo.id() + "' shows what it did");
            }
            throw new Refusal(Refusal.Kind.INVALID, "run " + undo.id() + " is undoing run " + id + " (it is "
                    + undo.status().word() + ")", "'runbook resume " + undo.id() + "' finishes that undo");
        }
        Optional<LockHolder> holder = journal.lockHolder(journal.lockKey(id)).filter(UndoChecks::alive);
        if (run.status() == RunStatus.RUNNING && holder.map(h -> h.runId().equals(id)).orElse(false)) {
            throw new Refusal(Refusal.Kind.LOCKED, "run " + id + " is still running: " + holder.get().describe(),
                    "wait for it to end, then undo it");
        }
        if (run.status() == RunStatus.RUNNING || run.status() == RunStatus.INTERRUPTED) {
            throw new Refusal(Refusal.Kind.INVALID, "run " + id + " did not finish (" + (run.status()
                    == RunStatus.RUNNING ? "its process died" : "it was interrupted") + "): a step may be cut off "
                    + "mid-way", "'runbook resume " + id + "' finishes it; then undo it");
        }
        if (holder.isPresent()) {
            throw new Refusal(Refusal.Kind.LOCKED, "runbook '" + run.runbook() + "' is locked on this target by "
                    + holder.get().describe(), "wait for that run to end, then undo run " + id);
        }
    }

    /** A later run that succeeded on the same target changed what this undo would put back. */
    static void refuseLaterRuns(Journal journal, RunRecord run) throws Refusal {
        String target = journal.lockKey(run.id()); // LockKey: the one place "the same target" is decided
        for (RunRecord later : journal.runsAfter(run.runbook(), run.startedAt())) {
            boolean undone = journal.undoRuns(later.id()).stream().anyMatch(u -> u.status() == RunStatus.SUCCEEDED);
            if (later.origin().undoes().isEmpty() && later.status() == RunStatus.SUCCEEDED && !undone
                    && journal.lockKey(later.id()).equals(target)) {
                throw new Refusal(Refusal.Kind.INVALID, "run " + later.id() + " of runbook '" + run.runbook()
                        + "' succeeded on the same target after run " + run.id() + ": undoing " + run.id()
                        + " would reverse what " + later.id() + " did too", "undo the later run first: 'runbook undo "
                        + later.id() + "'");
            }
        }
    }

    /** A holder on another host may be alive: from here there is no telling. */
    private static boolean alive(LockHolder holder) {
        return holder.process().goneFrom(String.valueOf(Host.facts().get("name"))).isEmpty();
    }
}
