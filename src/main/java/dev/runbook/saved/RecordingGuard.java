package dev.runbook.saved;

import dev.runbook.action.ActionSpec;
import dev.runbook.action.Arguments;
import dev.runbook.engine.StepGuard;
import dev.runbook.model.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dry run's guard: before each step is previewed, takes the prints of what its preview reads
 * (a subject read by several steps is looked at once) and never stops anything.
 */
public final class RecordingGuard implements StepGuard {

    private final Path workDir;
    private final Map<String, List<Print>> byStep = new ConcurrentHashMap<>();
    private final Map<Subject, Print> taken = new ConcurrentHashMap<>();

    public RecordingGuard(Path workDir) {
        this.workDir = workDir;
    }

    @Override
    public List<String> before(Step step, ActionSpec spec, Arguments arguments) {
        List<Print> prints = new ArrayList<>();
        for (Subject subject : Reads.of(spec, arguments, workDir)) {
            prints.add(taken.computeIfAbsent(subject, Fingerprints::take));
        }
        byStep.put(step.id(), List.copyOf(prints));
        return List.of();
    }

    /** The prints taken, by step, in the order of {@code stepIds} (steps the dry run did not reach have none). */
    public Map<String, List<Print>> prints(List<String> stepIds) {
        Map<String, List<Print>> ordered = new LinkedHashMap<>();
        for (String id : stepIds) {
            ordered.put(id, byStep.getOrDefault(id, List.of()));
        }
        return ordered;
    }
}
