package dev.runbook.app;

import dev.runbook.journal.RunLocked;
import dev.runbook.model.Param;
import dev.runbook.model.Runbook;
import dev.runbook.plan.PlanError;
import dev.runbook.saved.EngineVersion;
import dev.runbook.saved.PlanFile;
import dev.runbook.saved.RecordingGuard;
import dev.runbook.saved.SavedPlan;
import dev.runbook.engine.StepGuard;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code run --dry-run --save-plan FILE}: the dry run, with what each step's preview reads
 * fingerprinted right before it, then (when the dry run says every step would run) the plan file.
 * A dry run that would refuse or fail saves nothing: a plan is something one may apply.
 */
public final class PlanSave {

    /** The dry run, and the plan's checksum when it was saved. */
    public record Saved(Ran ran, Optional<String> sha256, int prints) {
    }

    private PlanSave() {
    }

    public static Saved dryRun(Settings settings, RunRequest request, String runbookText, Path planFile,
                               boolean requireApproval) throws PlanError, RunLocked, Refusal {
        if (!settings.dryRun()) {
            throw new Refusal(Refusal.Kind.USAGE, "--save-plan saves what a dry run previewed",
                    "add --dry-run, then apply the plan with runbook apply " + planFile);
        }
        Path workDir = Path.of("").toAbsolutePath();
        RecordingGuard recording = new RecordingGuard(workDir);
        Map<String, Object> resolved = new LinkedHashMap<>();
        Ran ran = new Runs(settings).run(request, new Guarding() {
            @Override
            public void beforeLock(Map<String, Object> params) {
                resolved.putAll(params);
            }

            @Override
            public StepGuard guard() {
                return recording;
            }
        });
        if (ran.exitCode() != 0) {
            return new Saved(ran, Optional.empty(), 0);
        }
        Runbook runbook = request.checked().runbook().orElseThrow();
        Set<String> secrets = runbook.params().stream().filter(Param::secret).map(Param::name)
                .collect(Collectors.toSet());
        List<String> steps = ran.plan().orElseThrow().steps().stream().map(s -> s.step().id()).toList();
        SavedPlan plan = new SavedPlan(EngineVersion.current(), request.file(), runbookText,
                without(request.given().values(), secrets), without(resolved, secrets), List.copyOf(secrets),
                request.plan().scenario(), request.plan().only(), request.plan().from().map(List::of).orElse(List.of()),
                workDir.toString(), Instant.now(), RunInfo.user() + "@" + Runs.host(),
                requireApproval || runbook.approvalRequired(), steps, recording.prints(steps));
        try {
            return new Saved(ran, Optional.of(PlanFile.write(planFile, plan)), plan.printCount());
        } catch (IOException e) {
            throw new Refusal(Refusal.Kind.NO_INPUT, "cannot write plan '" + planFile + "': " + e.getMessage(), null);
        }
    }

    private static <V> Map<String, V> without(Map<String, V> values, Set<String> secrets) {
        Map<String, V> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (!secrets.contains(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

}
