package dev.runbook.git;

import dev.runbook.action.Action;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewKind;
import dev.runbook.action.StepContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.CheckoutCommand;
import org.eclipse.jgit.api.errors.CheckoutConflictException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * git.checkout: a local branch is checked out as that branch, anything else (tag, commit, remote
 * branch) as a detached HEAD, or as a new branch with create_branch. Uncommitted changes to files
 * the checkout does not touch carry over, as with git; changes it would overwrite make it refuse,
 * unless save_dirty copies them into the run's forensics folder and sets them aside first.
 */
final class GitCheckout implements Action {

    @Override
    public Preview preview(StepContext context) throws ActionException {
        try (GitRepo repo = GitRepo.open(context)) {
            repo.refuseWhenLocked();
            String ref = context.args().required("ref");
            Optional<String> branch = localBranch(repo, ref);
            RevCommit target = repo.commit(branch.map(b -> Constants.R_HEADS + b).orElse(ref));
            refuseExistingBranch(repo, context);
            Move move = Move.forCheckout(repo, target);
            move.dirty().refuseUnlessSaving(context.args().bool("save_dirty"), "check out " + ref);
            List<String> effects = new ArrayList<>();
            effects.add("would check out " + History.describe(target) + " as " + context.args()
                    .string("create_branch").map(b -> "new branch " + b)
                    .orElse(branch.map(b -> "branch " + b).orElse("a detached HEAD")));
            effects.addAll(move.commitEffects(repo.branch().map(b -> "would be left (still on branch " + b + ")")
                    .orElse("would be left (HEAD is detached: only the reflog keeps them unless a ref has them)")));
            effects.addAll(move.fileEffects("in the work tree would change"));
            if (!move.dirty().none()) {
                effects.add("would first save " + move.dirty().lines().size() + " uncommitted path(s) into "
                        + context.run().forensicsDir().resolve("git-" + context.stepFileName()) + " and set them aside: "
                        + String.join(", ", move.dirty().lines()));
            }
            return new Preview(PreviewKind.SIMULATED, effects, outputs(move.from(), target, ""));
        }
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        try (GitRepo repo = GitRepo.open(context)) {
            repo.refuseWhenLocked();
            String ref = context.args().required("ref");
            Optional<String> branch = localBranch(repo, ref);
            RevCommit target = repo.commit(branch.map(b -> Constants.R_HEADS + b).orElse(ref));
            Optional<String> newBranch = context.args().string("create_branch");
            refuseExistingBranch(repo, context);
            Move move = Move.forCheckout(repo, target);
            move.dirty().refuseUnlessSaving(context.args().bool("save_dirty"), "check out " + ref);
            String saved = "";
            if (!move.dirty().none()) {
                saved = DirtySaver.save(repo, move.dirty(), context, "checkout " + ref).toString();
                DirtySaver.clear(repo, move.dirty(), move.from());
            }
            Snapshot before = Snapshot.take(repo, move, true);
            CheckoutCommand checkout = repo.git().checkout();
            if (newBranch.isPresent()) {
                checkout.setCreateBranch(true).setName(newBranch.get()).setStartPoint(target);
            } else {
                checkout.setName(branch.orElse(target.name()));
            }
            Optional<String> problem;
            try {
                checkout.call();
                problem = verify(repo, checkout, move, target, newBranch.or(() -> branch));
            } catch (CheckoutConflictException e) {
                throw new ActionException("refusing to check out " + ref + ": it would overwrite uncommitted "
                        + "changes in " + e.getConflictingPaths() + "; commit them, or set save_dirty: true", e);
            } catch (GitAPIException | JGitInternalException e) {
                problem = Optional.of("checkout of " + ref + " failed: " + e.getMessage()
                        + (e.getCause() == null || e.getCause().getMessage() == null ? ""
                        : " (" + e.getCause().getMessage() + ")"));
            }
            if (problem.isPresent()) {
                // A new branch the failed checkout made goes too, so running the step again works.
                Snapshot.PutBack putBack = before.putBack(repo, newBranch);
                Map<String, Object> outputs = outputs(move.from(), repo.head(), saved);
                outputs.put("put_back", putBack.whole());
                return Outcome.failed(problem.get() + "; " + (putBack.whole()
                        ? "HEAD, branch, index and work tree were put back as they were"
                                + newBranch.map(b -> " (branch " + b + " removed)").orElse("")
                        : "putting HEAD, branch, index and work tree back failed too: " + putBack.detail())
                        + (saved.isEmpty() ? "" : "; uncommitted work was saved in " + saved), outputs);
            }
            Map<String, Object> outputs = outputs(move.from(), repo.head(), saved);
            return Outcome.ok(outputs);
        }
    }

    /**
     * Why the checkout did not complete, or empty: JGit's own result (files it could not delete),
     * HEAD on the target and the expected branch, and every file the move changes clean against it
     * in the index and the work tree.
     */
    private static Optional<String> verify(GitRepo repo, CheckoutCommand checkout, Move move, RevCommit target,
                                           Optional<String> expectedBranch) throws ActionException {
        org.eclipse.jgit.api.CheckoutResult result = checkout.getResult();
        if (result != null && result.getStatus() != org.eclipse.jgit.api.CheckoutResult.Status.OK) {
            return Optional.of("checkout of " + target.name() + " did not complete (" + result.getStatus()
                    + (result.getUndeletedList().isEmpty() ? "" : ": could not delete " + result.getUndeletedList())
                    + ")");
        }
        RevCommit after = repo.head();
        if (!after.equals(target) || !repo.branch().equals(expectedBranch)) {
            return Optional.of("HEAD is " + after.name() + repo.branch().map(b -> " on " + b).orElse(" (detached)")
                    + " after checkout, expected " + target.name() + expectedBranch.map(b -> " on " + b)
                    .orElse(" (detached)"));
        }
        java.util.Set<String> stale = new java.util.TreeSet<>(WorkState.of(repo).tracked());
        stale.retainAll(Trees.paths(move.files()));
        if (!stale.isEmpty()) {
            return Optional.of("after checkout these files still differ from " + target.abbreviate(7).name() + ": "
                    + String.join(", ", stale));
        }
        return Optional.empty();
    }

    /**
     * A name that is a local branch: checking it out attaches HEAD to it rather than detaching. As
     * with git checkout, the branch wins over a tag of the same name.
     */
    private static Optional<String> localBranch(GitRepo repo, String ref) throws ActionException {
        String name = ref.startsWith(Constants.R_HEADS) ? ref.substring(Constants.R_HEADS.length())
                : ref.startsWith("heads/") ? ref.substring("heads/".length()) : ref;
        try {
            Ref found = repo.repository().exactRef(Constants.R_HEADS + name);
            return found == null ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            throw new ActionException("cannot read branch " + name + ": " + e.getMessage(), e);
        }
    }

    private static void refuseExistingBranch(GitRepo repo, StepContext context) throws ActionException {
        Optional<String> name = context.args().string("create_branch");
        if (name.isEmpty()) {
            return;
        }
        try {
            if (repo.repository().exactRef(Constants.R_HEADS + name.get()) != null) {
                throw new ActionException("branch " + name.get() + " already exists at " + History.describe(
                        repo.commit(Constants.R_HEADS + name.get())) + "; choose another create_branch name, or "
                        + "check out that branch as ref");
            }
        } catch (IOException e) {
            throw new ActionException("cannot read branch " + name.get() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> outputs(RevCommit before, RevCommit after, String saved) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("before", before.name());
        outputs.put("after", after.name());
        outputs.put("saved", saved);
        outputs.put("put_back", false);
        return outputs;
    }
}
