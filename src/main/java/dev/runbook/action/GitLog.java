package dev.runbook.action;

import dev.runbook.git.GitException;
import dev.runbook.git.GitRepo;
import java.nio.file.Path;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * git.log: find one commit. {@code tag} resolves a tag; {@code message} walks back from the tag (or
 * {@code ref}) to the newest commit whose message matches; {@code ref} alone resolves an expression
 * such as HEAD~1. Not finding a match is a failed result, not a crash.
 */
final class GitLog implements BuiltIn {

    static final Param<Path> REPO = GitSteps.repo(".");
    static final Param<String> REF = Param.string("ref", "Where to start (or the ref to resolve).", "HEAD~1")
            .byDefault("HEAD");
    static final Param<String> TAG = Param.string("tag", "Resolve this tag.", "pre-phase4");
    static final Param<String> MESSAGE = Param.string("message", "Newest commit whose message matches this regex.",
            "\"^Phase 3\"");
    static final Param<Long> MAX = Param.integer("max", "Commits to search at most.", "100").byDefault("1000");

    static final Output<String> COMMIT = Output.string("commit", "The commit's full hash.");
    static final Output<String> SUBJECT = Output.string("subject", "Its subject line.");
    static final Output<String> SHORT = Output.string("short", "The hash abbreviated to 7 characters.");
    static final Output<String> AUTHOR = Output.string("author", "Its author's name.");

    private static final ActionSpec SPEC = ActionSpec.define("git.log", "Find a commit: by tag, by a message "
                    + "pattern, or a relative ref.")
            .readOnly()
            .params(REPO, REF, TAG, MESSAGE, MAX)
            .outputs(COMMIT, SUBJECT, SHORT, AUTHOR)
            .plan("find commit[ tag {tag}][ matching {message}][ {ref}] in {repo}")
            .reads(PreviewReads.GIT_REPOSITORY)
            .build();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "finds " + outcome.outputs().get(SHORT.name()) + " "
                + outcome.outputs().get(SUBJECT.name()) : "finds nothing now: " + outcome.message()), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        try (GitRepo repo = GitSteps.open(context, REPO)) {
            Optional<String> tag = context.find(TAG);
            String start = tag.isPresent() ? tag.get() : context.get(REF);
            RevCommit from = repo.commit(start);
            Optional<String> message = context.find(MESSAGE);
            if (message.isEmpty()) {
                return found(from);
            }
            Pattern pattern = pattern(message.get());
            long max = context.get(MAX);
            try (RevWalk walk = new RevWalk(repo.repository())) {
                walk.markStart(walk.parseCommit(from));
                long seen = 0;
                for (RevCommit commit : walk) {
                    if (seen++ >= max) {
                        break;
                    }
                    if (pattern.matcher(commit.getFullMessage()).find()) {
                        return found(commit);
                    }
                }
                return Outcome.failed("no commit whose message matches \"" + message.get() + "\" among the "
                        + Math.min(seen, max) + " newest from " + start + " (raise 'max' to search further)",
                        Map.of());
            } catch (IOException e) {
                throw new ActionException("cannot walk history from " + start + ": " + e.getMessage(), e);
            }
        } catch (GitException e) {
            throw GitSteps.failure(e);
        }
    }

    private static Outcome found(RevCommit commit) {
        return Outcome.ok(new Outputs().put(COMMIT, commit.name()).put(SUBJECT, commit.getShortMessage())
                .put(SHORT, commit.abbreviate(7).name()).put(AUTHOR, commit.getAuthorIdent().getName()).map());
    }

    /** ^ and $ match at line starts and ends: "^Phase 3" finds a subject or any line of the body. */
    private static Pattern pattern(String regex) throws ActionException {
        try {
            return Pattern.compile(regex, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new ActionException("'message' is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }
}
