package dev.runbook.engine;

import dev.runbook.action.Action;
import dev.runbook.action.ActionException;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.ActionSpec;
import dev.runbook.action.Arguments;
import dev.runbook.action.Implementations;
import dev.runbook.action.Outcome;
import dev.runbook.action.StepContext;
import dev.runbook.model.ActionCall;
import dev.runbook.model.Step;
import dev.runbook.template.TemplateError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A step's verify checks, run right after it succeeds; the first failing one fails the step. */
final class Verifier {

    private final ActionRegistry registry;
    private final Implementations implementations;
    private final RunListener listener;

    Verifier(ActionRegistry registry, Implementations implementations, RunListener listener) {
        this.registry = registry;
        this.implementations = implementations;
        this.listener = listener;
    }

    /** What failed, or empty; checks see the context with the step's own outputs in it. */
    Optional<String> verify(Step step, int attempt, RunContext context, Map<String, Object> outputs,
                            Function<Arguments, StepContext> contexts) {
        if (step.verify().isEmpty()) {
            return Optional.empty();
        }
        context.record(new StepResult(step.id(), step.section(), StepStatus.SUCCEEDED, 1, outputs, null, List.of(),
                Instant.now(), Instant.now()));
        ArgumentRenderer renderer = new ArgumentRenderer(context.snapshot());
        int position = 0;
        for (ActionCall check : step.verify()) {
            position++;
            String failure = null;
            try {
                ActionSpec spec = registry.find(check.action()).orElseThrow();
                Action action = implementations.find(spec.name()).orElseThrow(() -> new ActionException(
                        spec.name() + " is declared but not implemented yet in this version"));
                Outcome outcome = action.run(contexts.apply(renderer.render(check, spec)));
                if (!outcome.ok()) {
                    failure = outcome.message();
                }
            } catch (ActionException | TemplateError e) {
                failure = e.getMessage();
            }
            listener.verifyChecked(step, attempt, position, check.action(), failure == null, failure);
            if (failure != null) {
                return Optional.of("verify " + check.action() + " failed: " + failure);
            }
        }
        return Optional.empty();
    }
}
