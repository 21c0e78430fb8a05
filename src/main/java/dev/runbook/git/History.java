package dev.runbook.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Commits one point has that another lacks: what a reset drops and what a checkout reaches. */
public final class History {

    /** Previews and outputs list at most this many commits, then say how many more. */
    public static final int SHOWN = 50;

    private History() {
    }

    /** Commits reachable from {@code from} and not from {@code to}, newest first. */
    public static List<RevCommit> only(Repository repository, RevCommit from, RevCommit to) throws GitException {
        List<RevCommit> commits = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(from));
            walk.markUninteresting(walk.parseCommit(to));
            for (RevCommit commit : walk) {
                commits.add(commit);
            }
        } catch (IOException e) {
            throw new GitException("cannot walk history: " + e.getMessage(), e);
        }
        return commits;
    }

    /** "1a2b3c4 Phase 4: add verification service (Ana Ruiz)". */
    public static String describe(RevCommit commit) {
        return commit.abbreviate(7).name() + " " + commit.getShortMessage() + " ("
                + commit.getAuthorIdent().getName() + ")";
    }

    public static List<String> describe(List<RevCommit> commits) {
        List<String> lines = new ArrayList<>();
        for (RevCommit commit : commits.subList(0, Math.min(SHOWN, commits.size()))) {
            lines.add(describe(commit));
        }
        if (commits.size() > SHOWN) {
            lines.add("... and " + (commits.size() - SHOWN) + " more");
        }
        return lines;
    }
}
