package dev.runbook.action;

import dev.runbook.git.GitException;
import dev.runbook.git.GitRepo;
import dev.runbook.git.WorkState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** git.status: clean, or the changes as porcelain lines; with expect_clean a dirty tree fails. */
final class GitStatus implements BuiltIn {

    static final Param<Path> REPO = GitSteps.repo("\"{{ params.app_dir }}\"");
    static final Param<Boolean> EXPECT_CLEAN = Param.bool("expect_clean", "Fail when anything is uncommitted.", "true")
            .byDefault("false");

    static final Output<Boolean> CLEAN = Output.bool("clean", "No uncommitted or untracked changes.");
    static final Output<List<String>> CHANGES = Output.list("changes", "Changed paths, like git status --porcelain.");

    private static final ActionSpec SPEC = ActionSpec.define("git.status", "Report whether the work tree is clean, "
                    + "and what changed if not.")
            .readOnly()
            .params(REPO, EXPECT_CLEAN)
            .outputs(CLEAN, CHANGES)
            .plan("check git status of {repo}[ (must be clean: {expect_clean})]")
            .reads(PreviewReads.GIT_REPOSITORY)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

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
        try (GitRepo repo = GitSteps.open(context, REPO)) {
            WorkState state = WorkState.of(repo);
            Map<String, Object> outputs = new Outputs().put(CLEAN, state.clean()).put(CHANGES, state.porcelain()).map();
            if (!state.clean() && context.get(EXPECT_CLEAN)) {
                List<String> lines = state.porcelain();
                return Outcome.failed(repo.workTree() + " is not clean: " + lines.size() + " change(s): "
                        + String.join(", ", lines.subList(0, Math.min(NAMED, lines.size())))
                        + (lines.size() > NAMED ? ", ..." : ""), outputs);
            }
            return Outcome.ok(outputs);
        } catch (GitException e) {
            throw GitSteps.failure(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> changes(Outcome outcome) {
        return (List<String>) outcome.outputs().get(CHANGES.name());
    }
}
