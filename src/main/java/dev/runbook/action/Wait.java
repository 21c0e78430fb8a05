package dev.runbook.action;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** wait: sleeps in short slices so a cancellation (timeout, Ctrl-C) ends it promptly. */
final class Wait implements BuiltIn {

    static final Param<Duration> DURATION = Param.duration("duration", "How long.", "3s").required();
    static final Param<String> REASON = Param.string("reason", "Why, for the log.", "\"graceful shutdown\"");

    private static final ActionSpec SPEC = ActionSpec.define("wait", "Pause for a while (a dry run does not wait).")
            .readOnly()
            .preview(PreviewKind.SIMULATED)
            .params(DURATION, REASON)
            .plan("wait {duration}[ ({reason})]")
            .reads(PreviewReads.NOTHING)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        context.get(DURATION);
        return new Preview(PreviewKind.SIMULATED, List.of("would wait " + context.asWritten(DURATION)), Map.of());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        return switch (context.cancellation().sleep(context.get(DURATION))) {
            case FULL -> Outcome.ok(Map.of());
            case CANCELLED -> Outcome.failed(context.cancellation().reason(), Map.of());
            case INTERRUPTED -> throw new ActionException("interrupted while waiting");
        };
    }
}
