package dev.runbook.action;

import java.util.List;
import java.util.Map;

/** confirm: a manual gate; the run's confirmer answers (terminal prompt, --yes, or no without a terminal). */
final class Confirm implements BuiltIn {

    static final Param<String> PROMPT = Param.string("prompt", "The question.", "\"Backup verified. Restore now?\"")
            .required();

    private static final ActionSpec SPEC = ActionSpec.define("confirm", "A manual gate: ask on the terminal (default "
                    + "No); without a terminal the run stops unless --yes.")
            .readOnly()
            .preview(PreviewKind.SIMULATED)
            .params(PROMPT)
            .plan("ask: {prompt}")
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        return new Preview(PreviewKind.SIMULATED, List.of("would ask: " + context.get(PROMPT)), Map.of());
    }

    /** Not confirmed: nothing was done, so the step is refused rather than failed. */
    @Override
    public Outcome run(StepContext context) throws ActionException {
        String prompt = context.get(PROMPT);
        return context.confirmer().test(prompt) ? Outcome.ok(Map.of())
                : Outcome.refused("not confirmed: " + prompt, Map.of());
    }
}
