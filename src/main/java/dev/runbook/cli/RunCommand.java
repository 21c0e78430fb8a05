package dev.runbook.cli;

import dev.runbook.action.ActionRegistry;
import dev.runbook.engine.Resumption;
import dev.runbook.engine.RunContext;
import dev.runbook.engine.RunContexts;
import dev.runbook.engine.RunResult;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunLocked;
import dev.runbook.journal.RunOrigin;
import dev.runbook.journal.RunRecorder;
import dev.runbook.journal.RunStart;
import dev.runbook.journal.TargetLock;
import dev.runbook.model.Runbook;
import dev.runbook.plan.Host;
import dev.runbook.plan.LockKey;
import dev.runbook.plan.ParamResolver;
import dev.runbook.plan.Plan;
import dev.runbook.plan.PlanError;
import dev.runbook.plan.PlannedStep;
import dev.runbook.plan.Planner;
import dev.runbook.template.Masker;
import dev.runbook.validate.CheckedRunbook;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbook run FILE}: the plan, executed for real or as a dry run. */
@Command(name = "run", description = "Run a runbook, or preview its effects with --dry-run.",
        mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The runbook.")
    String file;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--dry-run", description = "Change nothing: run read-only checks, preview the rest.")
    boolean dryRun;

    @Mixin
    ExecutionOptions execution;

    @Mixin
    StateOption state;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws CliError {
        RunExecution.Settings settings = execution.settings(dryRun, state, spec);
        boolean json = settings.json();
        CheckedRunbook checked = CheckedRunbook.of(RunbookFiles.read(file), ActionRegistry.builtIn());
        if (!checked.ok()) {
            ProblemPrinter.print(spec.commandLine().getErr(), file, checked.problems());
            return ExitCodes.INVALID;
        }
        Runbook runbook = checked.runbook().orElseThrow();
        try {
            GivenParams given = selection.given(runbook, System.getenv());
            Plan plan = new Planner(runbook, checked.graph().orElseThrow(), ActionRegistry.builtIn())
                    .plan(selection.request(given), System.getenv());
            Map<String, Object> params = ParamResolver.resolve(runbook, given.values(), given.origins(),
                    Map.of("env", System.getenv(), "host", Host.facts()));
            if (!json) {
                given.warnings().forEach(spec.commandLine().getErr()::println);
            }
            Masker masker = masker(runbook, params);
            String lockKey = LockKey.of(runbook, params, Path.of(""));
            String host = String.valueOf(Host.facts().get("name"));
            state.migrationNote().ifPresent(spec.commandLine().getErr()::println);
            try (TargetLock target = TargetLock.acquire(TargetLock.directory(System.getenv()), lockKey,
                    state.journalFile(), host); Journal journal = Journal.open(state.journalFile())) {
                RunRecorder recorder = journal.startRun(new RunStart(runbook.name(), runbook.sha256(), params,
                        plan.scenario().map(s -> s.name()), dryRun, user(), host,
                        Instant.now(), new RunOrigin(Optional.of(Path.of(file).toAbsolutePath().normalize().toString()),
                        selection.only, Optional.ofNullable(selection.from)), lockKey), masker);
                recorder.lockNotice().ifPresent(spec.commandLine().getErr()::println);
                String runId = recorder.runId();
                target.holdFor(runId);
                RunContext context = RunContexts.withParams(runbook, params, System.getenv(),
                        runInfo(runId, runbook, plan.scenario().map(s -> s.name()), Instant.now(),
                                RunExecution.forensicsFolder(state, runId)));
                RunResult result = new RunExecution(settings).execute(runbook,
                        checked.graph().orElseThrow(), plan.steps().stream().map(PlannedStep::step).toList(), context,
                        masker, recorder, Resumption.NONE);
                if (dryRun && !json) {
                    spec.commandLine().getErr().println("preview: " + plan.coverage() + notImplemented(result)
                            + (result.notProbed().isEmpty() ? "" : "; not probed (they check what an earlier step "
                            + "would change): " + String.join(", ", result.notProbed())));
                } else if (!json) {
                    RunExecution.resumeHint(result, runId).ifPresent(spec.commandLine().getErr()::println);
                }
                return result.status().exitCode();
            } catch (RunLocked e) {
                throw new CliError(ExitCodes.LOCKED, e.getMessage(), "wait for it to end; a run whose process died "
                        + "is taken over automatically");
            }
        } catch (PlanError e) {
            throw CliError.invalid(e);
        }
    }

    /** The plan's count is what can be previewed in principle; say which steps this build could not. */
    private static String notImplemented(RunResult result) {
        List<String> ids = result.results().stream()
                .filter(r -> r.error() != null && r.error().endsWith("declared but not implemented yet in this version"))
                .map(r -> r.stepId()).toList();
        return ids.isEmpty() ? "" : "; not implemented yet in this version: " + String.join(", ", ids);
    }

    static Map<String, Object> runInfo(String runId, Runbook runbook, Optional<String> scenario, Instant startedAt,
                                       Path forensics) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", runId);
        run.put("forensics", forensics.toString());
        run.put("runbook", runbook.name());
        run.put("scenario", scenario.orElse(null));
        run.put("started_at", startedAt.toString());
        run.put("user", user());
        return run;
    }

    private static Masker masker(Runbook runbook, Map<String, Object> params) {
        return RunExecution.masker(runbook, params);
    }

    static String user() {
        return System.getProperty("user.name", "");
    }
}
