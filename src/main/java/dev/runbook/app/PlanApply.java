package dev.runbook.app;

import dev.runbook.action.ActionRegistry;
import dev.runbook.engine.StepGuard;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunLocked;
import dev.runbook.journal.RunRecorder;
import dev.runbook.parse.RunbookSource;
import dev.runbook.plan.PlanError;
import dev.runbook.plan.PlanRequest;
import dev.runbook.saved.Approval;
import dev.runbook.saved.BadPlan;
import dev.runbook.saved.CheckingGuard;
import dev.runbook.saved.EngineVersion;
import dev.runbook.saved.PlanFile;
import dev.runbook.saved.SavedPlan;
import dev.runbook.validate.CheckedRunbook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code runbook apply PLAN} and {@code runbook approve PLAN}. An apply runs the plan's own runbook
 * bytes with its params (secrets given again) and selection, refuses before anything runs when the
 * plan is damaged or from another version, lacks the approval it needs, was applied already, or the
 * state it was planned on has drifted; during the run each step's inputs are checked again right
 * before it (the guard stops the run there on drift). The journal records the plan's checksum.
 */
public final class PlanApply {

    /** The run, the plan's checksum, and the drift that stopped it before a step (empty: none did). */
    public record Applied(Ran ran, String sha256, List<String> drift) {
    }

    /** The approval written, and where. */
    public record Approved(Approval approval, Path file) {
    }

    private PlanApply() {
    }

    /** Records that the current user approves the plan's exact bytes (its checksum), beside the plan. */
    public static Approved approve(Path planFile) throws Refusal {
        PlanFile.Read read = read(planFile);
        Approval approval = new Approval(read.sha256(), RunInfo.user() + "@" + Runs.host(), Instant.now());
        try {
            approval.writeFor(planFile);
        } catch (IOException e) {
            throw new Refusal(Refusal.Kind.NO_INPUT, "cannot write " + Approval.fileOf(planFile) + ": "
                    + e.getMessage(), null);
        }
        return new Approved(approval, Approval.fileOf(planFile));
    }

    public static Applied apply(Settings settings, Path planFile, boolean requireApproval,
                                ResumeRequest.Secrets secrets) throws Refusal, PlanError, RunLocked {
        PlanFile.Read read = read(planFile);
        SavedPlan plan = read.plan();
        if (!plan.engineVersion().equals(EngineVersion.current())) {
            throw new Refusal(Refusal.Kind.BAD_PLAN, planFile + ": planned with " + plan.engineVersion() + ", this is "
                    + EngineVersion.current(), "save the plan again with this version");
        }
        CheckedRunbook checked = CheckedRunbook.of(new RunbookSource(plan.runbookFile(), plan.runbookText()),
                ActionRegistry.builtIn());
        if (!checked.ok()) {
            throw new Refusal(Refusal.Kind.BAD_PLAN, planFile + ": its runbook does not validate with this version",
                    "save the plan again");
        }
        Optional<Approval> approval = approval(planFile, read.sha256(), requireApproval || plan.approvalRequired()
                || checked.runbook().orElseThrow().approvalRequired());
        String workDir = Path.of("").toAbsolutePath().toString();
        if (!workDir.equals(plan.workDir())) {
            throw new Refusal(Refusal.Kind.PLAN_DRIFT, "working directory: " + plan.workDir() + " at plan time, "
                    + workDir + " now", "apply from the folder the plan was saved in (its paths are relative to it)");
        }
        // Applied already is the first thing to say: the state after that apply has drifted, of course.
        try (Journal journal = Journal.open(settings.state().journalFile())) {
            refuseApplied(journal, planFile, read.sha256());
        }
        Map<String, String> given = new LinkedHashMap<>(plan.given());
        given.putAll(secrets.of(checked.runbook().orElseThrow()));
        CheckingGuard checking = new CheckingGuard(plan.prints(), Path.of(workDir));
        RunRequest request = new RunRequest(runbookCopy(settings.state(), read.sha256(), plan.runbookText()), checked,
                new GivenParams(given, Map.of(), List.of()), new PlanRequest(plan.scenario(), plan.only(),
                plan.from().stream().findFirst(), given, Map.of()), Optional.empty());
        Ran ran = new Runs(settings.withDryRun(false)).run(request, new Guarding() {
            @Override
            public void beforeLock(Map<String, Object> params) throws Refusal {
                List<String> drift = paramDrift(plan.params(), params);
                drift.addAll(checking.all());
                if (!drift.isEmpty()) {
                    throw new Refusal(Refusal.Kind.PLAN_DRIFT, drift.stream().map(line -> new PlanError.Reason(line,
                            null)).toList(), drift.size() + " things changed since the plan was saved; nothing ran "
                            + "(save a new plan from the state as it is now)");
                }
            }

            @Override
            public void underLock(Journal journal) throws Refusal {
                refuseApplied(journal, planFile, read.sha256()); // again: another apply may have won meanwhile
            }

            @Override
            public void started(RunRecorder recorder) {
                recorder.appliesPlan(read.sha256(), approval.map(Approval::approvedBy).orElse(null), Instant.now());
            }

            @Override
            public StepGuard guard() {
                return checking;
            }
        });
        return new Applied(ran, read.sha256(), checking.stoppedOn());
    }

    private static void refuseApplied(Journal journal, Path planFile, String sha256) throws Refusal {
        Optional<String> earlier = journal.planApplication(sha256);
        if (earlier.isPresent()) {
            throw new Refusal(Refusal.Kind.PLAN_APPLIED, planFile + " was applied already, by run " + earlier.get(),
                    "a plan is applied once: runbook show " + earlier.get() + "; to run again, save a new plan");
        }
    }

    private static PlanFile.Read read(Path planFile) throws Refusal {
        try {
            return PlanFile.read(planFile);
        } catch (BadPlan e) {
            throw new Refusal(Refusal.Kind.BAD_PLAN, e.getMessage(), e.hint());
        }
    }

    private static Optional<Approval> approval(Path planFile, String sha256, boolean required) throws Refusal {
        Optional<Approval> approval;
        try {
            approval = Approval.of(planFile);
        } catch (BadPlan e) {
            throw new Refusal(Refusal.Kind.NOT_APPROVED, e.getMessage(), e.hint());
        }
        if (!required) {
            return approval.filter(a -> a.planSha256().equals(sha256));
        }
        if (approval.isEmpty()) {
            throw new Refusal(Refusal.Kind.NOT_APPROVED, planFile + " must be approved before it is applied, and has "
                    + "no approval", "someone who checked it runs: runbook approve " + planFile);
        }
        if (!approval.get().planSha256().equals(sha256)) {
            throw new Refusal(Refusal.Kind.NOT_APPROVED, planFile + ": the approval by " + approval.get().approvedBy()
                    + " is for plan " + approval.get().planSha256().substring(0, 12) + ", this plan is "
                    + sha256.substring(0, 12), "approve this plan: runbook approve " + planFile);
        }
        return approval;
    }

    /** Params that resolve differently now (a default read from the environment, say) than at plan time. */
    private static List<String> paramDrift(Map<String, Object> planned, Map<String, Object> now) {
        List<String> drift = new ArrayList<>();
        planned.forEach((name, value) -> {
            if (!Objects.equals(String.valueOf(value), String.valueOf(now.get(name)))) {
                drift.add("param " + name + ": " + value + " at plan time, " + now.get(name) + " now");
            }
        });
        return drift;
    }

    /** The plan's runbook bytes in the state folder, where resume and undo of the apply read them back. */
    private static String runbookCopy(StateFolder state, String sha256, String text) throws Refusal {
        Path copy = state.journalFile().resolveSibling("plans").resolve(sha256 + ".yaml");
        try {
            Files.createDirectories(copy.getParent());
            if (!Files.exists(copy)) {
                Files.writeString(copy, text, StandardCharsets.UTF_8);
            }
            return copy.toString();
        } catch (IOException e) {
            throw new Refusal(Refusal.Kind.NO_INPUT, "cannot write " + copy + ": " + e.getMessage(), null);
        }
    }
}
