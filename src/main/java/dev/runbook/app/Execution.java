package dev.runbook.app;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Implementations;
import dev.runbook.action.RunScope;
import dev.runbook.console.Confirmer;
import dev.runbook.console.ConsoleListener;
import dev.runbook.console.Terminal;
import dev.runbook.engine.Engine;
import dev.runbook.engine.Resumption;
import dev.runbook.events.JsonLinesListener;
import dev.runbook.engine.RunContext;
import dev.runbook.engine.RunListener;
import dev.runbook.engine.RunOptions;
import dev.runbook.engine.RunResult;
import dev.runbook.files.RestoreHooks;
import dev.runbook.journal.RunRecorder;
import dev.runbook.recording.JournalListener;
import dev.runbook.model.Param;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.plan.StepGraph;
import dev.runbook.template.Masker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What run, resume and undo share once the journal has the run: the listeners (console or JSON,
 * and the journal), one engine, the interrupt hook, and the run's end in the journal.
 */
final class Execution {

    private final Settings settings;
    private final java.util.function.ToIntFunction<RunResult> exitCode;
    private final boolean approved;
    private dev.runbook.engine.StepGuard guard = dev.runbook.engine.StepGuard.NONE;

    /** {@code exitCode}: what the command exits with, for the run_finished event. */
    Execution(Settings settings, java.util.function.ToIntFunction<RunResult> exitCode) {
        this(settings, exitCode, false);
    }

    /** {@code approved}: the run's confirmations were approved up front (app.Approval); no step asks again. */
    Execution(Settings settings, java.util.function.ToIntFunction<RunResult> exitCode, boolean approved) {
        this.settings = settings;
        this.exitCode = exitCode;
        this.approved = approved;
    }

    /** Has {@code guard} called right before each selected step (a saved plan's). */
    Execution guardedBy(dev.runbook.engine.StepGuard guard) {
        this.guard = guard;
        return this;
    }

    static Masker masker(Runbook runbook, Map<String, Object> params) {
        return new Masker(runbook.params().stream().filter(Param::secret).map(p -> params.get(p.name()))
                .filter(Objects::nonNull).map(String::valueOf).toList());
    }

    /** Runs {@code steps} (minus what {@code resumption} says is done) and ends the run in the journal. */
    RunResult execute(Runbook runbook, StepGraph graph, List<Step> steps, RunContext context, Masker masker,
                      RunRecorder recorder, Resumption resumption) {
        return execute(runbook, graph, steps, context, masker, recorder, resumption, List.of());
    }

    /** {@code also}: listeners after the console and the journal (an undo's marks on the run it undoes). */
    RunResult execute(Runbook runbook, StepGraph graph, List<Step> steps, RunContext context, Masker masker,
                      RunRecorder recorder, Resumption resumption, List<RunListener> also) {
        String runId = recorder.runId();
        List<RunListener> listeners = new java.util.ArrayList<>(List.of(listener(masker),
                new JournalListener(recorder, ActionRegistry.builtIn(), settings.dryRun())));
        listeners.addAll(also);
        RunListener listener = RunListener.all(listeners);
        Path runDirectory = settings.state().runDirectory(runId);
        Engine engine = new Engine(runbook, graph, ActionRegistry.builtIn(), Implementations.builtIn(), listener,
                new RunOptions(settings.dryRun(), settings.jobs(), Path.of(""), runDirectory.resolve("logs"),
                        new Confirmer(settings.yes() || approved, settings.err(), recorder::flush,
                                settings.vouchForChecks()),
                        new RunScope(runId, settings.state().forensicsFolder(runId),
                                Optional.of(settings.state().journalFile()), masker.secrets(), null,
                                stepId -> new JournaledCommands(recorder, runId, stepId), settings.restoreHooks())));
        engine.guardedBy(guard);
        listener.runStarted(runId, runbook.name(), settings.dryRun());
        // The run's end is written before the interrupt hook lets the JVM go: a signal loses nothing.
        RunResult result = runInterruptibly(engine, steps, context, resumption,
                ended -> recorder.finish(journalStatus(ended.status()), Instant.now()));
        listener.runFinished(runId, result);
        StepSummary.append(System.getenv(), settings.state().journalFile(), runId, settings.err());
        return result;
    }

    static dev.runbook.journal.RunStatus journalStatus(dev.runbook.engine.RunStatus status) {
        return switch (status) {
            case SUCCEEDED -> dev.runbook.journal.RunStatus.SUCCEEDED;
            case ROLLED_BACK -> dev.runbook.journal.RunStatus.ROLLED_BACK;
            case INTERRUPTED -> dev.runbook.journal.RunStatus.INTERRUPTED;
            case WOULD_STOP -> dev.runbook.journal.RunStatus.WOULD_STOP;
            case NOT_CONFIRMED -> dev.runbook.journal.RunStatus.NOT_CONFIRMED;
            default -> dev.runbook.journal.RunStatus.FAILED;
        };
    }

    /**
     * SIGINT/SIGTERM run the JVM's shutdown hooks: interrupt the engine and let finally steps finish,
     * and {@code beforeExit} (the journal's end of the run) too, before the hook lets the JVM halt.
     */
    private static RunResult runInterruptibly(Engine engine, List<Step> steps, RunContext context,
                                              Resumption resumption,
                                              java.util.function.Consumer<RunResult> beforeExit) {
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
            RunResult result = engine.resume(steps, context, resumption);
            beforeExit.accept(result);
            return result;
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
        if (settings.json()) {
            return new JsonLinesListener(settings.out(), masker, exitCode);
        }
        boolean terminal = Terminal.stderrIsTerminal();
        Map<String, String> env = System.getenv();
        return new ConsoleListener(settings.err(), masker, ConsoleListener.colourWanted(env, terminal),
                ConsoleListener.statusLineWanted(env, terminal) ? Terminal.width(env) : 0, exitCode);
    }
}
