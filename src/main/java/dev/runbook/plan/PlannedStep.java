package dev.runbook.plan;

import dev.runbook.action.ActionSpec;
import dev.runbook.action.PreviewKind;
import dev.runbook.model.Step;
import java.util.List;
import java.util.Map;

/**
 * A step as the plan shows it: arguments resolved as far as params and vars allow, the one-line
 * summary, and how a dry run will preview it.
 *
 * @param title   the step's title, rendered (null when it has none)
 * @param needs   the selected steps this one waits for
 * @param assumed dependencies left out of the selection, taken as already done
 * @param verify  each verify check as "action: what it checks"
 * @param undo    each undo action as "action: what it does"
 * @param question its confirm: question, rendered as far as params and vars allow (null when none)
 */
public record PlannedStep(int number, Step step, String title, ActionSpec spec, Map<String, Object> with,
                          String summary, String when, PreviewKind preview, List<String> needs, List<String> assumed,
                          List<String> verify, List<String> undo, String question) {

    public PlannedStep {
        needs = List.copyOf(needs);
        assumed = List.copyOf(assumed);
        verify = List.copyOf(verify);
        undo = List.copyOf(undo);
    }

    public String id() {
        return step.id();
    }
}
