package dev.runbook.action;

import dev.runbook.git.DirtySaver;
import dev.runbook.git.GitException;
import dev.runbook.git.GitRepo;
import dev.runbook.git.History;
import dev.runbook.git.Move;
import dev.runbook.git.Snapshot;
import dev.runbook.git.WorkState;
import java.nio.file.Path;
import java.util.ArrayList;
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
final class GitReset implements BuiltIn {

    static final Param<Path> REPO = GitSteps.repo(".");
    static final Param<String> REF = Param.string("ref", "The commit to reset to.", "pre-phase4").required();
    static final Param<String> MODE = Param.oneOf("mode", List.of("soft", "mixed", "hard"), "What happens to the index "
            + "and work tree.", "hard").byDefault("mixed");
    static final Param<Boolean> SAVE_DIRTY = GitSteps.saveDirty();

    static final Output<String> BEFORE = Output.string("before", "Commit before.");
    static final Output<String> AFTER = Output.string("after", "Commit after.");
    static final Output<List<String>> DROPPED = Output.list("dropped", "Full hashes of the commits no longer on the "
            + "branch, newest first.");
    static final Output<Object> SAVED = Output.value("saved", "path", GitSteps.SAVED);
    static final Output<Boolean> PUT_BACK = Output.bool("put_back", GitSteps.PUT_BACK);

    private static final ActionSpec SPEC = ActionSpec.define("git.reset", "Move the current branch to a commit: soft, "
                    + "mixed or hard.")
            .destructive()
            .params(REPO, REF, MODE, SAVE_DIRTY)
            .outputs(BEFORE, AFTER, DROPPED, SAVED, PUT_BACK)
            .plan("reset {repo} to {ref}[ ({mode})]")
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
            ResetType mode = mode(context);
            Path workTree = repo.repository().getWorkTree().toPath();
            Optional<SimulatedState.Head> earlier = context.run().simulated().headOf(workTree);
            String ref = context.get(REF); // HEAD~1 after an earlier move counts from where that step leaves HEAD
            String resolved = earlier.isPresent() && ref.matches("HEAD([~^].*)?") ? earlier.get().commit() + ref.substring(4)
                    : ref;
            Move move = earlier.isEmpty() ? Move.forReset(repo, repo.commit(ref), mode == ResetType.HARD)
                    : Move.forResetAfter(repo, repo.commit(earlier.get().commit()), afterEarlier(repo, ref, resolved,
                    earlier.get()), mode == ResetType.HARD, earlier.get().workTreeReplaced());
            move.dirty().refuseUnlessSaving(context.get(SAVE_DIRTY), "reset --hard to " + ref);
            List<String> effects = new ArrayList<>();
            earlier.ifPresent(head -> effects.add("starting from " + History.describe(move.from()) + ", where step '"
                    + head.step() + "' would leave HEAD, not from HEAD as it is now"));
            context.run().simulated().wouldLeaveHead(workTree, new SimulatedState.Head(context.stepId(),
                    move.to().name(), mode == ResetType.HARD || earlier.map(SimulatedState.Head::workTreeReplaced)
                    .orElse(false)));
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
            if (mode == ResetType.HARD) { // a later restore under this work tree reads it
                context.run().simulated().wouldMove(context.stepId(), workTree, History.describe(move.to()));
            }
            return new Preview(PreviewKind.SIMULATED, effects, outputs(move, move.to(), ""));
        } catch (GitException e) {
            throw GitSteps.failure(e);
        }
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        try (GitRepo repo = GitSteps.open(context, REPO)) {
            repo.refuseWhenLocked();
            ResetType mode = mode(context);
            String ref = context.get(REF);
            Move move = Move.forReset(repo, repo.commit(ref), mode == ResetType.HARD);
            move.dirty().refuseUnlessSaving(context.get(SAVE_DIRTY), "reset --hard to " + ref);
            String saved = "";
            if (!move.dirty().none()) {
                saved = DirtySaver.save(repo, move.dirty(), GitSteps.saver(context), "reset --hard to " + ref)
                        .toString();
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
                outputs.put(PUT_BACK.name(), putBack.whole());
                return Outcome.failed(problem.get() + "; " + (putBack.whole()
                        ? "HEAD, branch, index and work tree were put back as they were"
                        : "putting HEAD, branch, index and work tree back failed too: " + putBack.detail())
                        + (saved.isEmpty() ? "" : "; uncommitted work was saved in " + saved), outputs);
            }
            return Outcome.ok(outputs(move, repo.head(), saved));
        } catch (GitException e) {
            throw GitSteps.failure(e);
        }
    }

    /** The target counted from where an earlier step would leave HEAD; a refusal says so in the runbook's terms. */
    private static org.eclipse.jgit.revwalk.RevCommit afterEarlier(GitRepo repo, String ref, String resolved,
                                                                  SimulatedState.Head earlier) throws GitException {
        try {
            return repo.commit(resolved);
        } catch (GitException e) {
            if (resolved.equals(ref)) {
                throw e;
            }
            throw GitException.refused("unknown revision '" + ref + "' once step '" + earlier.step() + "' has moved HEAD "
                    + "to " + earlier.commit().substring(0, 7) + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Why the reset did not complete, or empty: HEAD must be the target; the index must hold the
     * target's tree (mixed and hard; JGit has reported success with the old index still in place
     * when it could not replace the index file); for hard, no tracked file may differ.
     */
    private static Optional<String> verify(GitRepo repo, ResetType mode, Move move, String ref) throws GitException {
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
        return new Outputs().put(BEFORE, move.from().name()).put(AFTER, after.name()).put(DROPPED, move.leftHashes())
                .put(SAVED, saved).put(PUT_BACK, false).map();
    }

    private static ResetType mode(StepContext context) throws ActionException {
        String mode = context.get(MODE);
        try {
            return ResetType.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ActionException.refused("'mode' must be soft, mixed or hard, found \"" + mode + "\"");
        }
    }

}
