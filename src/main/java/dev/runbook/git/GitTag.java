package dev.runbook.git;

import dev.runbook.action.Action;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewKind;
import dev.runbook.action.StepContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * git.tag: a lightweight tag, or an annotated one when a message is given. An existing tag on the
 * same commit is left as it is (a re-run succeeds); one on another commit is never moved, since
 * that would lose where it pointed.
 */
final class GitTag implements Action {

    @Override
    public Preview preview(StepContext context) throws ActionException {
        try (GitRepo repo = GitRepo.open(context)) {
            String name = context.args().required("name");
            RevCommit commit = repo.commit(context.args().string("ref").orElse("HEAD"));
            Optional<RevCommit> existing = existing(repo, name);
            String effect = existing.isEmpty() ? "would tag " + History.describe(commit) + " as " + name
                    : existing.get().equals(commit) ? "tag " + name + " already points to " + History.describe(commit)
                    : "would refuse: " + taken(name, existing.get(), commit);
            boolean refuses = existing.isPresent() && !existing.get().equals(commit);
            return new Preview(PreviewKind.SIMULATED, List.of(effect), Map.of("commit", commit.name()), refuses);
        }
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        try (GitRepo repo = GitRepo.open(context)) {
            String name = context.args().required("name");
            if (!Repository.isValidRefName(Constants.R_TAGS + name)) {
                throw new ActionException("'" + name + "' is not a valid tag name (no spaces, '..', '~', '^', ':', "
                        + "'?', '*', '[' or trailing '.lock')");
            }
            RevCommit commit = repo.commit(context.args().string("ref").orElse("HEAD"));
            Optional<RevCommit> existing = existing(repo, name);
            if (existing.isPresent()) {
                if (existing.get().equals(commit)) {
                    return Outcome.ok(Map.of("commit", commit.name()));
                }
                throw new ActionException(taken(name, existing.get(), commit));
            }
            try {
                Optional<String> message = context.args().string("message");
                repo.git().tag().setName(name).setObjectId(commit).setAnnotated(message.isPresent())
                        .setMessage(message.orElse(null)).call();
            } catch (GitAPIException e) {
                throw new ActionException("cannot create tag " + name + ": " + e.getMessage(), e);
            }
            RevCommit tagged = repo.commit(Constants.R_TAGS + name);
            if (!tagged.equals(commit)) {
                throw new ActionException("tag " + name + " points to " + tagged.name() + " after tagging "
                        + commit.name());
            }
            return Outcome.ok(Map.of("commit", commit.name()));
        }
    }

    private static Optional<RevCommit> existing(GitRepo repo, String name) throws ActionException {
        try {
            Ref ref = repo.repository().exactRef(Constants.R_TAGS + name);
            return ref == null ? Optional.empty() : Optional.of(repo.commit(Constants.R_TAGS + name));
        } catch (IOException e) {
            throw new ActionException("cannot read tag " + name + ": " + e.getMessage(), e);
        }
    }

    private static String taken(String name, RevCommit existing, RevCommit wanted) {
        return "tag " + name + " already exists on " + History.describe(existing) + ", not on "
                + wanted.abbreviate(7).name() + "; choose another name (a tag is never moved)";
    }
}
