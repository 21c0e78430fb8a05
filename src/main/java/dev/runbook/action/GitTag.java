package dev.runbook.action;

import dev.runbook.git.GitException;
import dev.runbook.git.GitRepo;
import dev.runbook.git.History;
import java.nio.file.Path;
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
final class GitTag implements BuiltIn {

    static final Param<Path> REPO = GitSteps.repo(".");
    static final Param<String> NAME = Param.string("name", "The tag.", "pre-phase4").required();
    static final Param<String> REF = Param.string("ref", "What to tag.", "HEAD").byDefault("HEAD");
    static final Param<String> MESSAGE = Param.string("message", "Message of an annotated tag.",
            "\"before Phase 4\"");

    static final Output<String> COMMIT = Output.string("commit", "The tagged commit.");

    private static final ActionSpec SPEC = ActionSpec.define("git.tag", "Create a tag (annotated when a message is "
                    + "given).")
            .params(REPO, NAME, REF, MESSAGE)
            .outputs(COMMIT)
            .plan("tag {ref} as {name} in {repo}")
            .reads(PreviewReads.GIT_REPOSITORY)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        try (GitRepo repo = GitSteps.open(context, REPO)) {
            String name = context.get(NAME);
            RevCommit commit = repo.commit(context.get(REF));
            Optional<RevCommit> existing = existing(repo, name);
            String effect = existing.isEmpty() ? "would tag " + History.describe(commit) + " as " + name
                    : existing.get().equals(commit) ? "tag " + name + " already points to " + History.describe(commit)
                    : "would refuse: " + taken(name, existing.get(), commit);
            Map<String, Object> outputs = new Outputs().put(COMMIT, commit.name()).map();
            if (existing.isEmpty()) {
                return Preview.changes(List.of(effect), outputs);
            }
            return existing.get().equals(commit) ? Preview.noChange(List.of(effect), outputs)
                    : Preview.refusing(taken(name, existing.get(), commit), List.of(effect), outputs);
        } catch (GitException e) {
            throw GitSteps.failure(e);
        }
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        try (GitRepo repo = GitSteps.open(context, REPO)) {
            String name = context.get(NAME);
            if (!Repository.isValidRefName(Constants.R_TAGS + name)) {
                throw ActionException.refused("'" + name + "' is not a valid tag name (no spaces, '..', '~', '^', ':', "
                        + "'?', '*', '[' or trailing '.lock')");
            }
            RevCommit commit = repo.commit(context.get(REF));
            Optional<RevCommit> existing = existing(repo, name);
            if (existing.isPresent()) {
                if (existing.get().equals(commit)) {
                    return Outcome.ok(new Outputs().put(COMMIT, commit.name()).map());
                }
                throw ActionException.refused(taken(name, existing.get(), commit));
            }
            try {
                Optional<String> message = context.find(MESSAGE);
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
            return Outcome.ok(new Outputs().put(COMMIT, commit.name()).map());
        } catch (GitException e) {
            throw GitSteps.failure(e);
        }
    }

    private static Optional<RevCommit> existing(GitRepo repo, String name) throws ActionException, GitException {
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
