package dev.runbook.action;

import dev.runbook.git.DirtySaver;
import dev.runbook.git.GitException;
import dev.runbook.git.GitRepo;
import dev.runbook.git.History;
import dev.runbook.git.Move;
import dev.runbook.git.Snapshot;
import dev.runbook.git.Trees;
import dev.runbook.git.WorkState;
import java.nio.file.Path;
import java.io.IOException;
import java.util.ArrayList;
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
final class GitCheckout implements BuiltIn {

    static final Param<Path> REPO = GitSteps.repo(".");
    static final Param<String> REF = Param.string("ref", "Tag, commit or branch.", "tags/pre-phase4").required();
    static final Param<String> CREATE_BRANCH = Param.string("create_branch", "Create this branch at ref and switch "
            + "to it.", "rollback-phase4");
    static final Param<Boolean> SAVE_DIRTY = GitSteps.saveDirty();

    static final Output<String> BEFORE = Output.string("before", "Commit before.");
    static final Output<String> AFTER = Output.string("after", "Commit after.");
    static final Output<Object> SAVED = Output.value("saved", "path", GitSteps.SAVED);
    static final Output<Boolean> PUT_BACK = Output.bool("put_back", GitSteps.PUT_BACK);

    private static final ActionSpec SPEC = ActionSpec.define("git.checkout", "Check out a tag, commit or branch, "
                    + "optionally as a new branch.")
            .destructive()
            .params(REPO, REF, CREATE_BRANCH, SAVE_DIRTY)
            .outputs(BEFORE, AFTER, SAVED, PUT_BACK)
            .plan("check out {ref} in {repo}[ as new branch {create_branch}]")
            .reads(PreviewReads.GIT_REPOSITORY)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        try (GitRepo repo = GitSteps.open(context, REPO)) {
            repo.refuseWhenLocked();
            String ref = context.get(REF);
            Optional<String> branch = localBranch(repo, ref);
            RevCommit target = repo.commit(branch.map(b -> Constants.R_HEADS + b).orElse(ref));
            refuseExistingBranch(repo, context);
            Move move = Move.forCheckout(repo, target);
            move.dirty().refuseUnlessSaving(context.get(SAVE_DIRTY), "check out " + ref);
            List<String> effects = new ArrayList<>();
            effects.add("would check out " + History.describe(target) + " as " + context.find(CREATE_BRANCH)
                    .map(b -> "new branch " + b)
                    .orElse(branch.map(b -> "branch " + b).orElse("a detached HEAD")));
            effects.addAll(move.commitEffects(repo.branch().map(b -> "would be left (still on branch " + b + ")")
                    .orElse("would be left (HEAD is detached: only the reflog keeps them unless a ref has them)")));
            effects.addAll(move.fileEffects("in the work tree would change"));
            if (!move.dirty().none()) {
                effects.add("would first save " + move.dirty().lines().size() + " uncommitted path(s) into "
                        + context.run().forensicsDir().resolve("git-" + context.stepFileName()) + " and set them aside: "
                        + String.join(", ", move.dirty().lines()));
            }
            context.run().simulated().wouldMove(context.stepId(), repo.repository().getWorkTree().toPath(),
                    History.describe(target)); // a later restore under this work tree reads it
            context.run().simulated().wouldLeaveHead(repo.repository().getWorkTree().toPath(),
                    new SimulatedState.Head(context.stepId(), target.name(), true)); // and a later reset starts there
            return new Preview(PreviewKind.SIMULATED, effects, outputs(move.from(), target, ""));
        } catch (GitException e) {
            throw GitSteps.failure(e);
        }
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        try (GitRepo repo = GitSteps.open(context, REPO)) {
            repo.refuseWhenLocked();
            String ref = context.get(REF);
            Optional<String> branch = localBranch(repo, ref);
            RevCommit target = repo.commit(branch.map(b -> Constants.R_HEADS + b).orElse(ref));
            Optional<String> newBranch = context.find(CREATE_BRANCH);
            refuseExistingBranch(repo, context);
            Move move = Move.forCheckout(repo, target);
            move.dirty().refuseUnlessSaving(context.get(SAVE_DIRTY), "check out " + ref);
            String saved = "";
            if (!move.dirty().none()) {
                saved = DirtySaver.save(repo, move.dirty(), GitSteps.saver(context), "checkout " + ref).toString();
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
                // Nothing changed unless dirty work was set aside first (then it is saved, and says where).
                String why = "refusing to check out " + ref + ": it would overwrite uncommitted changes in "
                        + e.getConflictingPaths() + "; commit them, or set save_dirty: true";
                throw saved.isEmpty() ? ActionException.refused(why, e) : new ActionException(why
                        + "; uncommitted work was saved in " + saved, e);
            } catch (GitAPIException | JGitInternalException e) {
                problem = Optional.of("checkout of " + ref + " failed: " + e.getMessage()
                        + (e.getCause() == null || e.getCause().getMessage() == null ? ""
                        : " (" + e.getCause().getMessage() + ")"));
            }
            if (problem.isPresent()) {
                // A new branch the failed checkout made goes too, so running the step again works.
                Snapshot.PutBack putBack = before.putBack(repo, newBranch);
                Map<String, Object> outputs = outputs(move.from(), repo.head(), saved);
                outputs.put(PUT_BACK.name(), putBack.whole());
                return Outcome.failed(problem.get() + "; " + (putBack.whole()
                        ? "HEAD, branch, index and work tree were put back as they were"
                                + newBranch.map(b -> " (branch " + b + " removed)").orElse("")
                        : "putting HEAD, branch, index and work tree back failed too: " + putBack.detail())
                        + (saved.isEmpty() ? "" : "; uncommitted work was saved in " + saved), outputs);
            }
            Map<String, Object> outputs = outputs(move.from(), repo.head(), saved);
            return Outcome.ok(outputs);
        } catch (GitException e) {
            throw GitSteps.failure(e);
        }
    }

    /**
     * Why the checkout did not complete, or empty: JGit's own result (files it could not delete),
     * HEAD on the target and the expected branch, and every file the move changes clean against it
     * in the index and the work tree.
     */
    private static Optional<String> verify(GitRepo repo, CheckoutCommand checkout, Move move, RevCommit target,
                                           Optional<String> expectedBranch) throws GitException {
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

    private static void refuseExistingBranch(GitRepo repo, StepContext context) throws ActionException, GitException {
        Optional<String> name = context.find(CREATE_BRANCH);
        if (name.isEmpty()) {
            return;
        }
        try {
            if (repo.repository().exactRef(Constants.R_HEADS + name.get()) != null) {
                throw ActionException.refused("branch " + name.get() + " already exists at " + History.describe(
                        repo.commit(Constants.R_HEADS + name.get())) + "; choose another create_branch name, or "
                        + "check out that branch as ref");
            }
        } catch (IOException e) {
            throw new ActionException("cannot read branch " + name.get() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> outputs(RevCommit before, RevCommit after, String saved) {
        return new Outputs().put(BEFORE, before.name()).put(AFTER, after.name()).put(SAVED, saved).put(PUT_BACK, false)
                .map();
    }
}
