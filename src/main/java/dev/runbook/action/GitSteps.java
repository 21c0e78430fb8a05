package dev.runbook.action;

import dev.runbook.git.DirtySaver;
import dev.runbook.git.GitException;
import dev.runbook.git.GitRepo;
import java.nio.file.Path;

/** What the git actions share: their common parameter texts, opening the step's repository, failures. */
final class GitSteps {

    static final String REPO = "The repository's work tree.";
    static final String SAVE_DIRTY = "Instead of refusing when uncommitted or untracked work would be "
            + "lost, copy it into the run's forensics folder (git-<step>/) first.";
    static final String SAVED = "Where uncommitted work was saved (empty when none was at risk).";
    static final String PUT_BACK = "After a failure: true when HEAD, branch, index and work tree were "
            + "put back as they were (false when it succeeded, or when the put-back failed too: the error says).";

    private GitSteps() {
    }

    static Param<Path> repo(String example) {
        return Param.path("repo", REPO, example).byDefault(".");
    }

    static Param<Boolean> saveDirty() {
        return Param.bool("save_dirty", SAVE_DIRTY, "true").byDefault("false");
    }

    /** The repository whose work tree is the step's {@code repo} (or that contains it). */
    static GitRepo open(StepContext context, Param<Path> repo) throws ActionException {
        try {
            return GitRepo.open(context.path(repo).toAbsolutePath().normalize());
        } catch (GitException e) {
            throw failure(e);
        }
    }

    static DirtySaver.Saver saver(StepContext context) {
        return new DirtySaver.Saver(context.stepId(), context.stepFileName(), context.run().runId(),
                context.run().forensicsDir());
    }

    /** The library's refusal stays a refusal; anything else may have changed something. */
    static ActionException failure(GitException e) {
        return e.refused() ? ActionException.refused(e.getMessage(), e) : new ActionException(e.getMessage(), e);
    }
}
