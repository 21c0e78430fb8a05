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
import java.util.Optional;
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
            Snapshot before = Snapshot.take(repo, move, mode == ResetType.HARD);
            Optional<String> problem;
            try {
                repo.git().reset().setMode(mode).setRef(move.to().name()).call();
                problem = verify(repo, mode, move, ref);
            } catch (GitAPIException | JGitInternalException e) {
                problem = Optional.of("reset to " + ref + " failed: " + e.getMessage());
            }
            if (problem.isPresent()) {
                Snapshot.PutBack putBack = before.putBack(repo, Optional.empty());
                Map<String, Object> outputs = outputs(move, repo.head(), saved);
                outputs.put("put_back", putBack.whole());
                return Outcome.failed(problem.get() + "; " + (putBack.whole()
                        ? "HEAD, branch, index and work tree were put back as they were"
                        : "putting HEAD, branch, index and work tree back failed too: " + putBack.detail())
                        + (saved.isEmpty() ? "" : "; uncommitted work was saved in " + saved), outputs);
            }
            Map<String, Object> outputs = outputs(move, repo.head(), saved);
            return Outcome.ok(outputs);
        }
    }

    /**
     * Why the reset did not complete, or empty: HEAD must be the target; the index must hold the
     * target's tree (mixed and hard; JGit has reported success with the old index still in place
     * when it could not replace the index file); for hard, no tracked file may differ.
     */
    private static Optional<String> verify(GitRepo repo, ResetType mode, Move move, String ref) throws ActionException {
        RevCommit after = repo.head();
        if (!after.equals(move.to())) {
            return Optional.of("HEAD is " + after.name() + " after reset, expected " + move.to().name());
        }
        if (mode != ResetType.SOFT) {
            List<String> stale;
            try {
                stale = Snapshot.indexDiffers(repo.repository(), move.to());
            } catch (java.io.IOException e) {
                return Optional.of("cannot read the index after reset: " + e.getMessage());
            }
            if (!stale.isEmpty()) {
                return Optional.of("the index does not hold " + ref + "'s tree after reset " + mode.name()
                        .toLowerCase(Locale.ROOT) + " (" + stale.size() + " path(s) differ: " + String.join(", ",
                        stale.subList(0, Math.min(5, stale.size()))) + "); the index file "
                        + repo.repository().getIndexFile() + " could not be replaced");
            }
        }
        if (mode == ResetType.HARD && !WorkState.of(repo).tracked().isEmpty()) {
            return Optional.of("tracked files still differ from " + ref + " after reset --hard: "
                    + WorkState.of(repo).porcelain());
        }
        return Optional.empty();
    }

    private static Map<String, Object> outputs(Move move, RevCommit after, String saved) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("before", move.from().name());
        outputs.put("after", after.name());
        outputs.put("dropped", move.leftHashes());
        outputs.put("saved", saved);
        outputs.put("put_back", false);
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
