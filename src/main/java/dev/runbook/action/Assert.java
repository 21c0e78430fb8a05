package dev.runbook.action;

import dev.runbook.values.Booleans;
import java.util.List;
import java.util.Map;

/** assert: the condition was rendered with the step's other arguments: true passes, anything else fails. */
final class Assert implements BuiltIn {

    static final Param<String> THAT = Param.expression("that", "The condition.",
            "\"{{ steps['count'].outputs.rows > 0 }}\"").required();
    static final Param<String> MESSAGE = Param.string("message", "What to say when it is false.",
            "\"no revision recorded\"");

    private static final ActionSpec SPEC = ActionSpec.define("assert", "Fail unless an expression over params, vars "
                    + "and step outputs is true.")
            .readOnly()
            .params(THAT, MESSAGE)
            .plan("assert {that}")
            .reads(PreviewReads.NOTHING)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "holds" : "does not hold: "
                + outcome.message()), Map.of());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        String value = context.get(THAT).trim();
        if (Booleans.isTrue(value)) {
            return Outcome.ok(Map.of());
        }
        return Outcome.failed(context.find(MESSAGE).orElse("assertion is " + value), Map.of());
    }
}
