package dev.runbook.git;

import dev.runbook.action.Action;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewKind;
import dev.runbook.action.StepContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * git.reset: move the current branch (or a detached HEAD) to a commit. Soft and mixed never touch
 * the work tree; hard rewrites it, so it refuses while uncommitted work would be lost, unless
 * save_dirty copies that work into the run's forensics folder first.
 */
final class GitReset implements Action {

    @Override
    public Preview preview(StepContext context) throws ActionException {
        try (GitRepo repo = GitRepo.open(context)) {
            repo.refuseWhenLocked();
            ResetType mode = mode(context);
            Move move = Move.forReset(repo, repo.commit(context.args().required("ref")), mode == ResetType.HARD);
            boolean save = context.args().bool("save_dirty");
            move.dirty().refuseUnlessSaving(save, "reset --hard to " + context.args().required("ref"));
            List<String> effects = new ArrayList<>();
            effects.add("would move " + repo.branch().map(b -> "branch " + b).orElse("detached HEAD") + " from "
                    + History.describe(move.from()) + " to " + History.describe(move.to()) + " ("
                    + mode.name().toLowerCase(Locale.ROOT) + ")");
            effects.addAll(move.commitEffects("would be dropped from the branch (kept in the reflog)"));
            effects.addAll(move.fileEffects(switch (mode) {
                case HARD -> "in the work tree would change";
                case SOFT -> "would stay as they are and show as staged changes";
                default -> "would stay as they are in the work tree and show as unstaged changes";
            }));
            if (!move.dirty().none()) {
                effects.add("would first save " + move.dirty().lines().size() + " uncommitted path(s) into "
                        + context.run().forensicsDir().resolve("git-" + context.stepFileName()) + ": "
                        + String.join(", ", move.dirty().lines()));
            }
            return new Preview(PreviewKind.SIMULATED, effects, outputs(move, move.to(), ""));
        }
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        try (GitRepo repo = GitRepo.open(context)) {
            repo.refuseWhenLocked();
            ResetType mode = mode(context);
            String ref = context.args().required("ref");
            Move move = Move.forReset(repo, repo.commit(ref), mode == ResetType.HARD);
            move.dirty().refuseUnlessSaving(context.args().bool("save_dirty"), "reset --hard to " + ref);
            String saved = "";
            if (!move.dirty().none()) {
                saved = DirtySaver.save(repo, move.dirty(), context, "reset --hard to " + ref).toString();
            }
            try {
                repo.git().reset().setMode(mode).setRef(move.to().name()).call();
            } catch (GitAPIException | JGitInternalException e) {
                throw new ActionException("reset to " + ref + " failed: " + e.getMessage()
                        + (saved.isEmpty() ? "" : "; uncommitted work was saved in " + saved), e);
            }
            RevCommit after = repo.head();
            Map<String, Object> outputs = outputs(move, after, saved);
            if (!after.equals(move.to())) {
                return Outcome.failed("HEAD is " + after.name() + " after reset, expected " + move.to().name(), outputs);
            }
            if (mode == ResetType.HARD && !WorkState.of(repo).tracked().isEmpty()) {
                return Outcome.failed("tracked files still differ from " + ref + " after reset --hard: "
                        + WorkState.of(repo).porcelain(), outputs);
            }
            return Outcome.ok(outputs);
        }
    }

    private static Map<String, Object> outputs(Move move, RevCommit after, String saved) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("before", move.from().name());
        outputs.put("after", after.name());
        outputs.put("dropped", move.leftHashes());
        outputs.put("saved", saved);
        return outputs;
    }

    private static ResetType mode(StepContext context) throws ActionException {
        String mode = context.args().string("mode").orElse("mixed");
        try {
            return ResetType.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ActionException("'mode' must be soft, mixed or hard, found \"" + mode + "\"");
        }
    }

}
