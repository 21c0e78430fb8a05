package dev.runbook.action;

import java.util.List;
import java.util.Map;

/** confirm: a manual gate; the run's confirmer answers (terminal prompt, --yes, or no without a terminal). */
final class Confirm implements BuiltIn {

    static final Param<String> PROMPT = Param.string("prompt", "The question.", "\"Backup verified. Restore now?\"")
            .required();

    private static final ActionSpec SPEC = ActionSpec.define("confirm", "A check for a person: ask on the terminal "
                    + "(default No stops the run). --yes does not answer it; without a terminal it is recorded as "
                    + "'not checked' and the run goes on; --vouch-for-checks records 'vouched'.")
            .readOnly()
            .preview(PreviewKind.SIMULATED)
            .params(PROMPT)
            .plan("ask: {prompt}")
            .reads(PreviewReads.NOTHING)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        return new Preview(PreviewKind.SIMULATED, List.of("would ask: " + context.get(PROMPT)), Map.of());
    }

    /**
     * A check for a person: --yes does not answer it (see {@link HumanCheck}). Not confirmed: nothing
     * was done, so the step is refused rather than failed.
     */
    @Override
    public Outcome run(StepContext context) throws ActionException {
        String prompt = context.get(PROMPT);
        HumanCheck.Answer answer = context.confirmer() instanceof HumanCheck person ? person.check(prompt)
                : context.confirmer().test(prompt) ? HumanCheck.Answer.CHECKED : HumanCheck.Answer.DECLINED;
        return switch (answer) {
            case DECLINED -> Outcome.refused("not confirmed: " + prompt, Map.of());
            case CHECKED -> Outcome.ok(Map.of(HumanCheck.OUTPUT, answer.name()));
            // Notes: the console, show and every report say which check no person made.
            case NOT_CHECKED -> Outcome.ok(Map.of(HumanCheck.OUTPUT, answer.name(), Outcome.NOTES,
                    List.of("not checked by a person (there was no terminal): " + prompt)));
            case VOUCHED -> Outcome.ok(Map.of(HumanCheck.OUTPUT, answer.name(), Outcome.NOTES,
                    List.of("vouched for on the command line (--vouch-for-checks), not asked: " + prompt)));
        };
    }
}
