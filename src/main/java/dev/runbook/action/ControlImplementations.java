package dev.runbook.action;

import dev.runbook.values.Booleans;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** wait, assert and confirm: the actions that need nothing outside the engine. */
final class ControlImplementations {

    private ControlImplementations() {
    }

    /** Sleeps in short slices so a cancellation (timeout, Ctrl-C) ends it promptly. */
    static final class Wait implements Action {
        @Override
        public Preview preview(StepContext context) throws ActionException {
            Duration duration = context.args().duration("duration").orElseThrow();
            return new Preview(PreviewKind.SIMULATED, List.of("would wait " + context.args().required("duration")),
                    Map.of());
        }

        @Override
        public Outcome run(StepContext context) throws ActionException {
            return switch (context.cancellation().sleep(context.args().duration("duration").orElseThrow())) {
                case FULL -> Outcome.ok(Map.of());
                case CANCELLED -> Outcome.failed(context.cancellation().reason(), Map.of());
                case INTERRUPTED -> throw new ActionException("interrupted while waiting");
            };
        }
    }

    /** A manual gate: the run's confirmer answers (terminal prompt, --yes, or no without a terminal). */
    static final class Confirm implements Action {
        @Override
        public Preview preview(StepContext context) throws ActionException {
            return new Preview(PreviewKind.SIMULATED, List.of("would ask: " + context.args().required("prompt")),
                    Map.of());
        }

        @Override
        public Outcome run(StepContext context) throws ActionException {
            String prompt = context.args().required("prompt");
            return context.confirmer().test(prompt) ? Outcome.ok(Map.of())
                    : Outcome.failed("not confirmed: " + prompt, Map.of());
        }
    }

    /** The condition was rendered with the step's other arguments: true passes, anything else fails. */
    static final class Assert implements Action {
        @Override
        public Preview preview(StepContext context) throws ActionException {
            Outcome outcome = run(context);
            return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "holds" : "does not hold: "
                    + outcome.message()), Map.of());
        }

        @Override
        public Outcome run(StepContext context) throws ActionException {
            String value = context.args().required("that").trim();
            if (Booleans.isTrue(value)) {
                return Outcome.ok(Map.of());
            }
            return Outcome.failed(context.args().string("message").orElse("assertion is " + value), Map.of());
        }
    }
}
