package dev.runbook.engine;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Cancellation;
import dev.runbook.action.Implementations;
import dev.runbook.model.OnError;
import dev.runbook.model.Runbook;
import dev.runbook.model.Step;
import dev.runbook.plan.StepGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs the selected steps in graph order, up to {@code jobs} side by side. A failed step applies
 * its on_error: abort (no new steps start), continue (its dependents are skipped, others go on) or
 * rollback (no new steps start; completed steps are undone in reverse). on_failure runs when the
 * run failed, finally always, in every invocation (a resume runs them again for how it ends). A dry
 * run previews every step whatever fails, and undoes nothing.
 *
 * <p>One engine runs once: its timer ends with the run, and the interrupt flag and the resumption
 * belong to that run. A second {@link #run} or {@link #resume} refuses (as JGit's
 * {@code GitCommand.checkCallable} does) instead of running with a dead timer; build a new engine.
 */
public final class Engine {

    private final Runbook runbook;
    private final StepGraph graph;
    private final RunOptions options;
    private final RunListener listener;
    private final ActionRegistry registry;
    private final StepRunner runner;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("timeout"));
    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
    private volatile boolean interrupted;
    private Resumption resumption = Resumption.NONE;
    private final java.util.concurrent.atomic.AtomicBoolean called = new java.util.concurrent.atomic.AtomicBoolean();

    public Engine(Runbook runbook, StepGraph graph, ActionRegistry registry, Implementations implementations,
                  RunListener listener, RunOptions options) {
        this.runbook = runbook;
        this.graph = graph;
        this.options = options;
        this.listener = listener;
        this.registry = registry;
        this.runner = new StepRunner(registry, implementations, runbook.defaults(), options, listener, timer);
    }

    /**
     * Has {@code guard} called right before each selected step (not before on_failure, finally or
     * undo steps); a step it stops fails without an attempt and the run stops there, unrolled.
     */
    public Engine guardedBy(StepGuard guard) {
        runner.guardedBy(guard);
        return this;
    }

    /** From another thread (SIGINT): running steps end their process trees; nothing new starts. */
    public void interrupt() {
        interrupted = true;
        running.values().forEach(c -> c.cancel("interrupted"));
    }

    public RunResult run(List<Step> selected, RunContext context) {
        return resume(selected, context, Resumption.NONE);
    }

    /**
     * Runs what an earlier attempt at the run left: completed steps are not run again (their
     * outputs are in the context and a rollback still undoes them); the rest run as in {@link #run}.
     */
    public RunResult resume(List<Step> selected, RunContext context, Resumption resumption) {
        checkCallable();
        this.resumption = resumption;
        List<StepResult> results = new ArrayList<>();
        Optional<StepResult> failure;
        // One job at a time runs on this thread: a hand-off to a pool thread per step buys nothing.
        ExecutorService pool = options.jobs() == 1 ? null : Executors.newFixedThreadPool(options.jobs(),
                daemon("step"));
        try {
            failure = schedule(selected, context, results, pool == null ? Runnable::run : pool);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        runner.guardedBy(StepGuard.NONE); // hooks and undos are not part of what was planned and checked
        RunStatus status = status(results, failure);
        if (status == RunStatus.ROLLED_BACK && !new Rollback(runner, listener).undo(graph, results, context)) {
            status = RunStatus.FAILED;
        }
        if (status != RunStatus.SUCCEEDED) {
            results.addAll(hooks(runbook.onFailure(), context));
        }
        results.addAll(hooks(runbook.finallySteps(), context));
        if (options.dryRun() && status == RunStatus.SUCCEEDED && results.stream().anyMatch(r -> r.status().wouldStop())) {
            status = RunStatus.WOULD_STOP; // a hook the real run would not get through
        }
        timer.shutdownNow();
        return new RunResult(status, results, failure.map(StepResult::stepId));
    }

    /** @throws IllegalStateException when this engine already ran (or is running) */
    private void checkCallable() {
        if (!called.compareAndSet(false, true)) {
            throw new IllegalStateException("this Engine already ran: an engine runs once, build a new one for "
                    + "the next run or resume");
        }
    }

    private Optional<StepResult> schedule(List<Step> selected, RunContext context, List<StepResult> results,
                                          java.util.concurrent.Executor pool) {
        ReadyQueue queue = new ReadyQueue(selected, graph);
        Map<String, StepStatus> done = new HashMap<>();
        // Steps skipped because a step they need did not succeed: their dependents are skipped too.
        Set<String> blocked = new HashSet<>();
        // Dry run: the nearest previewed change each step comes after, directly or through its needs.
        Map<String, String> afterPreviewed = new HashMap<>();
        Set<String> chosen = new HashSet<>();
        selected.forEach(s -> chosen.add(s.id()));
        for (StepResult earlier : resumption.completed()) {
            if (chosen.contains(earlier.stepId())) {
                done.put(earlier.stepId(), earlier.status());
                results.add(earlier);
                context.record(earlier);
                queue.finished(earlier.stepId());
            }
        }
        ExecutorCompletionService<StepResult> completions = new ExecutorCompletionService<>(pool);
        Optional<StepResult> failure = Optional.empty();
        boolean stop = false;
        int inFlight = 0;
        while (true) {
            while (!stop && !interrupted && inFlight < options.jobs() && queue.hasReady()) {
                Step step = graph.step(queue.next());
                List<String> deps = queue.dependencies(step.id());
                // A dry run previews every step: a failing probe is reported, not a reason to stop.
                Optional<String> blocker = options.dryRun() ? Optional.empty() : deps.stream()
                        .filter(d -> blocked.contains(d) || !done.get(d).letsDependentsRun()).findFirst();
                if (blocker.isPresent()) {
                    blocked.add(step.id());
                    finish(StepResult.skipped(step.id(), step.section(), "needs '" + blocker.get() + "', which "
                            + (blocked.contains(blocker.get()) ? "did not run" : "did not succeed"),
                            StepRunner.title(step, context)), step, context, results, done);
                    queue.finished(step.id());
                    continue;
                }
                Cancellation cancellation = new Cancellation();
                running.put(step.id(), cancellation);
                int attemptsSoFar = resumption.attemptsSoFar(step.id());
                Optional<String> change = deps.stream().map(afterPreviewed::get).filter(c -> c != null).findFirst();
                change.ifPresent(c -> afterPreviewed.put(step.id(), c));
                completions.submit(() -> runner.run(step, context, cancellation, attemptsSoFar, change));
                inFlight++;
            }
            if (inFlight == 0) {
                break;
            }
            StepResult result = take(completions);
            inFlight--;
            running.remove(result.stepId());
            Step step = graph.step(result.stepId());
            if (result.status() == StepStatus.PREVIEWED && changes(step)) {
                afterPreviewed.put(result.stepId(), result.stepId()); // the nearest change is the one to name
            }
            finish(result, step, context, results, done);
            queue.finished(result.stepId());
            if (failed(result) && runner.stoppedByGuard()) {
                failure = Optional.of(result); // the drift is what the run ended on
                stop = true;
            } else if (failure.isEmpty() && failed(result) && policy(step) != OnError.CONTINUE && !options.dryRun()) {
                failure = Optional.of(result);
                stop = true;
            } else if (failure.isEmpty() && failed(result)) {
                failure = Optional.of(result);
            }
        }
        String reason = interrupted ? "the run was interrupted" : failure.map(f -> "the run stopped at '"
                + f.stepId() + "'").orElse("not reached");
        for (String id : queue.unfinished()) {
            Step step = graph.step(id);
            finish(StepResult.skipped(id, step.section(), reason, StepRunner.title(step, context)), step, context,
                    results, done);
        }
        return failure;
    }

    private void finish(StepResult result, Step step, RunContext context, List<StepResult> results,
                        Map<String, StepStatus> done) {
        done.put(result.stepId(), result.status());
        results.add(result);
        context.record(options.dryRun() && failed(result) ? runner.withPlaceholders(step, result) : result);
        if (failed(result)) {
            context.failed(result.stepId(), result.error());
        }
        listener.stepFinished(step, result);
    }

    private RunStatus status(List<StepResult> results, Optional<StepResult> failure) {
        if (interrupted || results.stream().anyMatch(r -> r.status() == StepStatus.INTERRUPTED)) {
            return RunStatus.INTERRUPTED;
        }
        if (failure.isEmpty()) {
            return RunStatus.SUCCEEDED;
        }
        if (options.dryRun()) {
            return RunStatus.WOULD_STOP;
        }
        if (policy(graph.step(failure.get().stepId())) == OnError.ROLLBACK && !runner.stoppedByGuard()) {
            return RunStatus.ROLLED_BACK;
        }
        return failure.get().status() == StepStatus.VERIFY_FAILED ? RunStatus.VERIFY_FAILED : RunStatus.FAILED;
    }

    /**
     * on_failure or finally, run again by every invocation that ends that way, a resume included:
     * what they report or clean up is about how the run ends now, not how an earlier attempt ended.
     * Their attempt numbers go on from the earlier invocations'.
     */
    private List<StepResult> hooks(List<Step> steps, RunContext context) {
        List<StepResult> out = new ArrayList<>();
        for (Step step : steps) {
            StepResult result = runner.run(step, context, new Cancellation(), resumption.attemptsSoFar(step.id()),
                    Optional.empty());
            context.record(result);
            listener.stepFinished(step, result);
            out.add(result);
        }
        return out;
    }

    /** A step whose action changes something (not a wait or a prompt, which are previewed too). */
    private boolean changes(Step step) {
        return registry.find(step.action().action()).map(s -> s.effect() != dev.runbook.action.Effect.READ_ONLY)
                .orElse(false);
    }

    private OnError policy(Step step) {
        return step.onError().or(() -> runbook.defaults().onError()).orElse(OnError.ABORT);
    }

    static boolean failed(StepResult result) {
        return result.status() == StepStatus.FAILED || result.status() == StepStatus.VERIFY_FAILED
                || result.status() == StepStatus.INTERRUPTED || result.status().wouldStop();
    }

    private static StepResult take(ExecutorCompletionService<StepResult> completions) {
        try {
            return completions.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the scheduler was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a step crashed the engine: " + e.getCause(), e.getCause());
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "runbook-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
