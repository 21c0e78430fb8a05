package dev.runbook.saved;

import dev.runbook.action.ActionSpec;
import dev.runbook.action.Arguments;
import dev.runbook.action.Effect;
import dev.runbook.engine.StepGuard;
import dev.runbook.model.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The apply's guard: right before each step, what that step's preview read is looked at again and
 * compared with the plan; any difference stops the run before the step, one line per drift. What an
 * earlier step of this run changes (a subject it reads or writes, or one inside it) has moved on
 * purpose and is not compared again. {@link #all} is the check before the first step: everything.
 */
public final class CheckingGuard implements StepGuard {

    private final Map<String, List<Print>> planned;
    private final Path workDir;
    private final List<Subject> changedByRun = new CopyOnWriteArrayList<>();
    private final List<String> stoppedOn = new CopyOnWriteArrayList<>();

    public CheckingGuard(Map<String, List<Print>> planned, Path workDir) {
        this.planned = planned;
        this.workDir = workDir;
    }

    /** Every print of the plan looked at again (each subject once): the check before anything runs. */
    public List<String> all() {
        List<String> drift = new ArrayList<>();
        java.util.Set<Subject> seen = new java.util.HashSet<>();
        for (List<Print> prints : planned.values()) {
            for (Print print : prints) {
                if (seen.add(print.subject())) {
                    drift.addAll(print.driftTo(Fingerprints.take(print.subject()), workDir));
                }
            }
        }
        return drift;
    }

    /** The drift that stopped the run before a step, one line each; empty when none did. */
    public List<String> stoppedOn() {
        return List.copyOf(stoppedOn);
    }

    @Override
    public List<String> before(Step step, ActionSpec spec, Arguments arguments) {
        List<String> drift = new ArrayList<>();
        List<Print> prints = planned.getOrDefault(step.id(), List.of());
        for (Print print : prints) {
            if (changedByRun.stream().noneMatch(print.subject()::overlaps)) {
                drift.addAll(print.driftTo(Fingerprints.take(print.subject()), workDir));
            }
        }
        stoppedOn.addAll(drift);
        if (drift.isEmpty() && spec.effect() != Effect.READ_ONLY) {
            prints.forEach(p -> changedByRun.add(p.subject()));
            changedByRun.addAll(Reads.of(spec, arguments, workDir));
        }
        return drift;
    }
}
