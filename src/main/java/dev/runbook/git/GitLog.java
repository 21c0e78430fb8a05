package dev.runbook.git;

import dev.runbook.action.Action;
import dev.runbook.action.ActionException;
import dev.runbook.action.Arguments;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewKind;
import dev.runbook.action.StepContext;
import java.io.IOException;
import java.util.LinkedHashMap;
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
final class GitLog implements Action {

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Outcome outcome = run(context);
        return new Preview(PreviewKind.PROBED, List.of(outcome.ok() ? "finds " + outcome.outputs().get("short") + " "
                + outcome.outputs().get("subject") : "finds nothing now: " + outcome.message()), outcome.outputs());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Arguments args = context.args();
        try (GitRepo repo = GitRepo.open(context)) {
            String start = args.string("tag").orElse(args.string("ref").orElse("HEAD"));
            RevCommit from = repo.commit(start);
            Optional<String> message = args.string("message");
            if (message.isEmpty()) {
                return found(from);
            }
            Pattern pattern = pattern(message.get());
            long max = args.integer("max").orElse(1000L);
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
        }
    }

    private static Outcome found(RevCommit commit) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("commit", commit.name());
        outputs.put("subject", commit.getShortMessage());
        outputs.put("short", commit.abbreviate(7).name());
        outputs.put("author", commit.getAuthorIdent().getName());
        return Outcome.ok(outputs);
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
