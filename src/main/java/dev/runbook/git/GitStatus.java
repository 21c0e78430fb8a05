package dev.runbook.git;

import dev.runbook.action.Action;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewKind;
import dev.runbook.action.StepContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** git.status: clean, or the changes as porcelain lines; with expect_clean a dirty tree fails. */
final class GitStatus implements Action {

    private static final int NAMED = 10;

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        List<String> changes = changes(outcome);
        String line = changes.isEmpty() ? "work tree is clean now"
                : changes.size() + " uncommitted change(s) now: " + String.join(", ",
                changes.subList(0, Math.min(NAMED, changes.size())));
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? line : "check fails now: " + outcome.message()),
                outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        try (GitRepo repo = GitRepo.open(context)) {
            WorkState state = WorkState.of(repo);
            Map<String, Object> outputs = new LinkedHashMap<>();
            outputs.put("clean", state.clean());
            outputs.put("changes", state.porcelain());
            if (!state.clean() && context.args().bool("expect_clean")) {
                List<String> lines = state.porcelain();
                return Outcome.failed(repo.workTree() + " is not clean: " + lines.size() + " change(s): "
                        + String.join(", ", lines.subList(0, Math.min(NAMED, lines.size())))
                        + (lines.size() > NAMED ? ", ..." : ""), outputs);
            }
            return Outcome.ok(outputs);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> changes(Outcome outcome) {
        return (List<String>) outcome.outputs().get("changes");
    }
}
