package dev.runbook.cli;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.RunScope;
import dev.runbook.action.Implementations;
import dev.runbook.engine.ConsoleListener;
import dev.runbook.engine.JournalListener;
import dev.runbook.journal.Journal;
import dev.runbook.journal.RunLocked;
import dev.runbook.journal.RunRecorder;
import dev.runbook.journal.RunStart;
import dev.runbook.plan.Host;
import dev.runbook.plan.ParamResolver;
import java.time.Instant;
import dev.runbook.engine.Engine;
import dev.runbook.engine.JsonLinesListener;
import dev.runbook.engine.RunContext;
import dev.runbook.engine.RunContexts;
import dev.runbook.engine.RunListener;
import dev.runbook.engine.RunOptions;
import dev.runbook.engine.RunResult;
import dev.runbook.model.Param;
import dev.runbook.model.Runbook;
import dev.runbook.plan.Plan;
import dev.runbook.plan.PlanError;
import dev.runbook.plan.PlannedStep;
import dev.runbook.plan.Planner;
import dev.runbook.template.Masker;
import dev.runbook.validate.CheckedRunbook;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    @Option(names = "--yes", description = "Answer yes to every confirmation.")
    boolean yes;

    @Option(names = "--jobs", paramLabel = "N", description = "Steps run side by side at most (default 1).")
    int jobs = 1;

    @Option(names = "--json", description = "Events as JSON Lines on stdout instead of human output.")
    boolean json;

    @Mixin
    StateOption state;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws CliError {
        if (jobs < 1) {
            throw new CliError(ExitCodes.USAGE, "--jobs must be at least 1, got " + jobs, null);
        }
        CheckedRunbook checked = CheckedRunbook.of(RunbookFiles.read(file), ActionRegistry.builtIn());
        if (!checked.ok()) {
            ProblemPrinter.print(spec.commandLine().getErr(), file, checked.problems());
            return ExitCodes.INVALID;
        }
        Runbook runbook = checked.runbook().orElseThrow();
        try {
            Plan plan = new Planner(runbook, checked.graph().orElseThrow(), ActionRegistry.builtIn())
                    .plan(selection.request(), System.getenv());
            Map<String, Object> params = ParamResolver.resolve(runbook, selection.params, Map.of("env", System.getenv(),
                    "host", Host.facts()));
            Masker masker = masker(runbook, params);
            try (Journal journal = Journal.open(state.journalFile())) {
                RunRecorder recorder = journal.startRun(new RunStart(runbook.name(), runbook.sha256(), params,
                        plan.scenario().map(s -> s.name()), dryRun, user(), String.valueOf(Host.facts().get("name")),
                        Instant.now()), masker);
                recorder.lockNotice().ifPresent(spec.commandLine().getErr()::println);
                String runId = recorder.runId();
                RunContext context = RunContexts.withParams(runbook, params, System.getenv(), runInfo(runId, runbook, plan,
                        state.runDirectory(runId).resolve("forensics")));
                RunListener listener = RunListener.all(List.of(listener(masker),
                        new JournalListener(recorder, ActionRegistry.builtIn(), dryRun)));
                Engine engine = new Engine(runbook, checked.graph().orElseThrow(), ActionRegistry.builtIn(),
                        Implementations.builtIn(), listener, new RunOptions(dryRun, jobs, Path.of(""),
                        state.runDirectory(runId).resolve("logs"), new Confirmer(yes, spec.commandLine().getErr(),
                        recorder::flush), new RunScope(runId, state.runDirectory(runId).resolve("forensics"),
                        Optional.of(state.journalFile()))));
                listener.runStarted(runId, runbook.name(), dryRun);
                RunResult result = runInterruptibly(engine, plan.steps().stream().map(PlannedStep::step).toList(),
                        context);
                recorder.finish(journalStatus(result.status()), Instant.now());
                listener.runFinished(runId, result);
                StepSummary.append(System.getenv(), journal, runId, Path.of(file), spec.commandLine().getErr());
                if (dryRun && !json) {
                    spec.commandLine().getErr().println("preview: " + plan.coverage() + notImplemented(result));
                }
                return result.status().exitCode();
            } catch (RunLocked e) {
                throw new CliError(ExitCodes.LOCKED, e.getMessage(), "wait for it to end; a run whose process died "
                        + "is taken over automatically");
            }
        } catch (PlanError e) {
            throw new CliError(ExitCodes.INVALID, e.getMessage(), e.hint());
        }
    }

    private static dev.runbook.journal.RunStatus journalStatus(dev.runbook.engine.RunStatus status) {
        return switch (status) {
            case SUCCEEDED -> dev.runbook.journal.RunStatus.SUCCEEDED;
            case ROLLED_BACK -> dev.runbook.journal.RunStatus.ROLLED_BACK;
            case INTERRUPTED -> dev.runbook.journal.RunStatus.INTERRUPTED;
            default -> dev.runbook.journal.RunStatus.FAILED;
        };
    }

    /** The plan's count is what can be previewed in principle; say which steps this build could not. */
    private static String notImplemented(RunResult result) {
        List<String> ids = result.results().stream()
                .filter(r -> r.error() != null && r.error().endsWith("declared but not implemented yet in this version"))
                .map(r -> r.stepId()).toList();
        return ids.isEmpty() ? "" : "; not implemented yet in this version: " + String.join(", ", ids);
    }

    private static String user() {
        return System.getProperty("user.name", "");
    }

    /** SIGINT/SIGTERM run the JVM's shutdown hooks: interrupt the engine and let finally steps finish. */
    private static RunResult runInterruptibly(Engine engine, List<dev.runbook.model.Step> steps, RunContext context) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            engine.interrupt();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "runbook-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return engine.run(steps, context);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: the JVM is exiting on a signal, with 128 + the signal's number.
            }
        }
    }

    private RunListener listener(Masker masker) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json) {
            return new JsonLinesListener(out, masker);
        }
        return new ConsoleListener(err, masker, ConsoleListener.colourWanted(System.getenv(), System.console() != null));
    }

    private static Map<String, Object> runInfo(String runId, Runbook runbook, Plan plan, Path forensics) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", runId);
        run.put("forensics", forensics.toAbsolutePath().toString());
        run.put("runbook", runbook.name());
        run.put("scenario", plan.scenario().map(s -> s.name()).orElse(null));
        run.put("started_at", java.time.Instant.now().toString());
        run.put("user", System.getProperty("user.name", ""));
        return run;
    }

    private static Masker masker(Runbook runbook, Map<String, Object> params) {
        return new Masker(runbook.params().stream().filter(Param::secret).map(p -> params.get(p.name()))
                .filter(Objects::nonNull).map(String::valueOf).toList());
    }
}
