package dev.runbook.engine;

import dev.runbook.action.Action;
import dev.runbook.action.ActionException;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.ActionSpec;
import dev.runbook.action.Arguments;
import dev.runbook.action.Cancellation;
import dev.runbook.action.Effect;
import dev.runbook.action.Implementations;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.StepContext;
import dev.runbook.model.Defaults;
import dev.runbook.model.Retry;
import dev.runbook.model.Step;
import dev.runbook.model.StepFiles;
import dev.runbook.template.TemplateError;
import dev.runbook.template.TemplateScanner;
import dev.runbook.values.Booleans;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one step: its condition, its confirmation gate, then attempts (each with the timeout armed)
 * until one succeeds and its verify checks pass, or the attempts run out. In a dry run, read-only
 * actions run for real and the others are previewed.
 */
final class StepRunner {

    /** The placeholder of an output a dry run cannot know; recognised by identity (see readsUnknown). */
    @SuppressWarnings("StringOperationCanBeSimplified") // a distinct instance: an equal text is not it
    static final String UNKNOWN = new String("(unknown until the step runs)");

    private final ActionRegistry registry;
    private final Implementations implementations;
    private final Defaults defaults;
    private final RunOptions options;
    private final RunListener listener;
    private final ScheduledExecutorService timer;
    private final Verifier verifier;
    private volatile StepGuard guard = StepGuard.NONE;
    private volatile boolean stoppedByGuard;

    StepRunner(ActionRegistry registry, Implementations implementations, Defaults defaults, RunOptions options,
               RunListener listener, ScheduledExecutorService timer) {
        this.registry = registry;
        this.implementations = implementations;
        this.defaults = defaults;
        this.options = options;
        this.listener = listener;
        this.timer = timer;
        this.verifier = new Verifier(registry, implementations, listener);
    }

    void guardedBy(StepGuard guard) {
        this.guard = guard;
    }

    /** Whether a guard stopped a step (the run then stops there, without a rollback). */
    boolean stoppedByGuard() {
        return stoppedByGuard;
    }

    StepResult run(Step step, RunContext context, Cancellation cancellation) {
        return run(step, context, cancellation, 0, Optional.empty());
    }

    /**
     * {@code attemptsSoFar}: attempts an earlier process made (a resume); numbering goes on from
     * there. {@code afterPreviewed}: in a dry run, a change this step comes after that was only
     * previewed; a probe there would check the state before that change, so it is not run.
     */
    StepResult run(Step step, RunContext context, Cancellation cancellation, int attemptsSoFar,
                   Optional<String> afterPreviewed) {
        String title = title(step, context);
        StepResult result = run(step, title, context, cancellation, attemptsSoFar, afterPreviewed).withTitle(title);
        return options.dryRun() ? DryRunVerdict.of(result) : result;
    }

    /**
     * The step's title rendered, for people: a title that cannot be rendered (it reads the output
     * of a step that did not run) is shown as written rather than failing the step. Null when none.
     */
    static String title(Step step, RunContext context) {
        if (step.title().isEmpty()) {
            return null;
        }
        try {
            return new ArgumentRenderer(context.snapshot()).text(step.title().get().value()).strip();
        } catch (TemplateError e) {
            return step.title().get().value();
        }
    }

    private StepResult run(Step step, String title, RunContext context, Cancellation cancellation, int attemptsSoFar,
                           Optional<String> afterPreviewed) {
        Instant started = Instant.now();
        // A failure before any attempt is recorded as the next attempt (0 when there was none before).
        int notAttempted = attemptsSoFar == 0 ? 0 : attemptsSoFar + 1;
        ArgumentRenderer renderer = new ArgumentRenderer(context.snapshot());
        try {
            if (step.when().isPresent()) {
                String condition = renderer.text(step.when().get().value()).trim();
                // A dry-run condition that reads an unknown output cannot be decided: preview the step.
                boolean undecided = options.dryRun() && readsUnknown(step.when().get().value(), context);
                Optional<Boolean> decided = Booleans.parse(condition);
                if (!decided.orElse(false) && !undecided) {
                    if (decided.isEmpty() && !condition.isEmpty()) {
                        return refused(step, started, notAttempted, "'when' must render to true or false, got \""
                                + condition + "\"");
                    }
                    return StepResult.skipped(step.id(), step.section(), "when: " + step.when().get().value()
                            + " is false", title);
                }
            }
            ActionSpec spec = registry.find(step.action().action()).orElseThrow();
            Arguments args = renderer.render(step.action(), spec);
            List<String> stop = guard.before(step, spec, args);
            if (!stop.isEmpty()) {
                stoppedByGuard = true;
                // Drift: the state is not what the plan was made on; the step is stopped before it changes anything.
                return refused(step, started, notAttempted, String.join("; ", stop));
            }
            if (step.confirm().isPresent() && !options.dryRun()) {
                String question = step.confirm().get().value().isEmpty() ? "Run step '" + step.id() + "'?"
                        : renderer.text(step.confirm().get().value());
                if (!options.confirmer().test(question)) {
                    return refused(step, started, notAttempted, "not confirmed: " + question);
                }
            }
            Optional<Action> action = implementations.find(spec.name());
            if (action.isEmpty()) {
                return refused(step, started, notAttempted, spec.name()
                        + " is declared but not implemented yet in this version");
            }
            // In a dry run only read-only probes really run (and exec marked readonly).
            boolean probe = spec.runsInDryRun() || spec.name().equals("exec") && step.readonly();
            if (options.dryRun() && !probe) {
                listener.stepStarted(step, 1, title);
                return previewed(step, spec, action.get(), context(step, args, cancellation), started);
            }
            if (options.dryRun() && afterPreviewed.isPresent()) {
                listener.stepStarted(step, 1, title);
                return notProbed(step, spec, afterPreviewed.get(), started);
            }
            // A read-only action's failed check changed nothing, by its declaration.
            boolean readOnly = spec.effect() == Effect.READ_ONLY || step.readonly();
            return attempts(step, title, action.get(), args, context, cancellation, started, attemptsSoFar,
                    readOnly);
        } catch (TemplateError e) {
            return refused(step, started, notAttempted, "cannot render: " + e.getMessage());
        } catch (ActionException e) {
            return result(step, StepStatus.FAILED, notAttempted, Map.of(), e.getMessage(), started,
                    e.refused() ? FailureKind.REFUSED : FailureKind.FAILED);
        }
    }

    private StepResult attempts(Step step, String title, Action action, Arguments args, RunContext context,
                                Cancellation cancellation, Instant started, int attemptsSoFar, boolean readOnly)
            throws ActionException {
        Retry retry = step.retry().or(defaults::retry).orElse(new Retry(1, Duration.ZERO, 1));
        Optional<Duration> timeout = step.timeout().or(defaults::timeout);
        Duration delay = retry.delay();
        StepResult last = null;
        int lastAttempt = attemptsSoFar + retry.attempts();
        for (int attempt = attemptsSoFar + 1; attempt <= lastAttempt; attempt++) {
            listener.stepStarted(step, attempt, title);
            last = attempt(step, action, args, context, cancellation, timeout, started, attempt, readOnly);
            if (!Engine.failed(last) || cancellation.cancelled() || attempt == lastAttempt) {
                return last;
            }
            // Recorded now, not only when the step ends: every attempt's error is in the journal.
            listener.attemptFailed(step, last.withTitle(title));
            if (!pause(delay, cancellation)) {
                return last;
            }
            delay = Duration.ofMillis(Math.round(delay.toMillis() * retry.backoff()));
        }
        return last;
    }

    private StepResult attempt(Step step, Action action, Arguments args, RunContext context,
                               Cancellation stepCancellation, Optional<Duration> timeout, Instant started,
                               int attempt, boolean readOnly) throws ActionException {
        Cancellation cancellation = new Cancellation();
        stepCancellation.onCancel(() -> cancellation.cancel(stepCancellation.reason()));
        ScheduledFuture<?> alarm = timeout.map(t -> timer.schedule(() -> cancellation.cancel("timed out after "
                + t.toMillis() + " ms"), t.toMillis(), TimeUnit.MILLISECONDS)).orElse(null);
        try {
            Outcome outcome;
            try {
                outcome = action.run(context(step, args, cancellation).withTimeout(timeout));
            } catch (ActionException e) {
                if (!cancellation.cancelled()) {
                    throw e;
                }
                outcome = Outcome.failed(e.getMessage(), Map.of()); // it stopped because it was cancelled
            }
            if (cancellation.cancelled()) {
                // Which canceller fired decides the kind: the step's own (a signal) or this attempt's alarm.
                boolean interrupted = stepCancellation.cancelled();
                return result(step, interrupted ? StepStatus.INTERRUPTED : StepStatus.FAILED, attempt,
                        outcome.outputs(), cancellation.reason(), started,
                        interrupted ? FailureKind.INTERRUPTED : FailureKind.TIMED_OUT);
            }
            if (!outcome.ok()) {
                FailureKind kind = outcome.kind() == Outcome.Kind.REFUSED ? FailureKind.REFUSED
                        : readOnly ? FailureKind.CHECK_FAILED : FailureKind.FAILED;
                return result(step, StepStatus.FAILED, attempt, outcome.outputs(), outcome.message(), started, kind);
            }
            Map<String, Object> outputs = outcome.outputs();
            Optional<String> verifyFailure = verifier.verify(step, attempt, context, outputs,
                    verifyArgs -> context(step, verifyArgs, cancellation));
            return verifyFailure.map(why -> result(step, StepStatus.VERIFY_FAILED, attempt, outputs, why,
                    started)).orElseGet(() -> result(step, checked(outputs), attempt, outputs, null, started));
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
        }
    }

    /** A human check nobody answered, or one vouched for, has a status of its own; any other success is one. */
    private static StepStatus checked(Map<String, Object> outputs) {
        Object answer = outputs.get(dev.runbook.action.HumanCheck.OUTPUT);
        if (dev.runbook.action.HumanCheck.Answer.NOT_CHECKED.name().equals(answer)) {
            return StepStatus.NOT_CHECKED;
        }
        return dev.runbook.action.HumanCheck.Answer.VOUCHED.name().equals(answer) ? StepStatus.VOUCHED
                : StepStatus.SUCCEEDED;
    }

    /**
     * The template reads an output that is only a placeholder (its step was previewed, not run): the
     * placeholder itself is looked up, by identity, never recognised by its wording.
     */
    private static boolean readsUnknown(String template, RunContext context) {
        Map<String, Object> values = context.snapshot();
        for (TemplateScanner.Reference ref : TemplateScanner.scan(template).references()) {
            Object value = values;
            for (String part : ref.path()) {
                value = value instanceof Map<?, ?> map ? map.get(part) : null;
            }
            if (value == UNKNOWN) {
                return true;
            }
        }
        return false;
    }

    /**
     * In a dry run, a step that failed still leaves its declared outputs as "unknown" placeholders,
     * so the steps after it are previewed instead of failing on a name that is not there.
     */
    StepResult withPlaceholders(Step step, StepResult result) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        registry.find(step.action().action()).ifPresent(s -> s.outputNames().forEach(n -> outputs.put(n, UNKNOWN)));
        outputs.putAll(result.outputs());
        return new StepResult(result.stepId(), result.section(), result.status(), result.attempts(), outputs,
                result.error(), result.effects(), result.started(), result.ended(), result.title(), result.failure(),
                result.verdict());
    }

    private StepResult previewed(Step step, ActionSpec spec, Action action, StepContext stepContext, Instant started)
            throws ActionException {
        Preview preview = action.preview(stepContext);
        Map<String, Object> outputs = new LinkedHashMap<>();
        spec.outputNames().forEach(name -> outputs.put(name, UNKNOWN));
        outputs.putAll(preview.outputs());
        // The effects say why it would refuse; the verdict's reason is shown as the step's reason.
        return new StepResult(step.id(), step.section(), preview.refuses() ? StepStatus.WOULD_REFUSE
                : StepStatus.PREVIEWED, 0, outputs, preview.refuses() ? preview.reason() : null, preview.effects(),
                started, Instant.now(), null, FailureKind.NONE, Optional.of(preview.verdict()));
    }

    private StepResult notProbed(Step step, ActionSpec spec, String change, Instant started) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        spec.outputNames().forEach(name -> outputs.put(name, UNKNOWN));
        Preview preview = Preview.notProbed("it checks the state after '" + change
                + "', which this dry run only previewed");
        return new StepResult(step.id(), step.section(), StepStatus.PREVIEWED, 0, outputs, null, preview.effects(),
                started, Instant.now(), null, FailureKind.NONE, Optional.of(preview.verdict()));
    }

    private StepContext context(Step step, Arguments args, Cancellation cancellation) {
        return new StepContext(step.id(), args, options.dryRun(), options.workDir(),
                options.logDir().resolve(StepFiles.name(step.id()) + ".log"), Optional.empty(), cancellation,
                options.confirmer(), options.run());
    }

    private static boolean pause(Duration delay, Cancellation cancellation) {
        return cancellation.sleep(delay) == Cancellation.Slept.FULL;
    }

    /** Failed before any attempt ran (a condition, a confirmation, a template): nothing was changed. */
    private static StepResult refused(Step step, Instant started, int attempts, String error) {
        return result(step, StepStatus.FAILED, attempts, Map.of(), error, started, FailureKind.REFUSED);
    }

    private static StepResult result(Step step, StepStatus status, int attempts, Map<String, Object> outputs,
                                     String error, Instant started) {
        return result(step, status, attempts, outputs, error, started, StepResult.byStatus(status));
    }

    private static StepResult result(Step step, StepStatus status, int attempts, Map<String, Object> outputs,
                                     String error, Instant started, FailureKind failure) {
        return new StepResult(step.id(), step.section(), status, attempts, outputs, error, notes(outputs), started,
                Instant.now(), null, failure, Optional.empty());
    }

    /** An action's notes (see {@link dev.runbook.action.Outcome#NOTES}), shown as the step's lines. */
    private static List<String> notes(Map<String, Object> outputs) {
        return outputs.get(dev.runbook.action.Outcome.NOTES) instanceof List<?> notes
                ? notes.stream().map(String::valueOf).toList() : List.of();
    }
}
