package dev.runbook.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * HEAD moving from one commit to another (a reset or a checkout), computed from the real
 * repository before anything changes: the commits left behind and reached, the files that differ,
 * and the uncommitted work the move would destroy. Preview and run both start from this, so the
 * dry run describes exactly what the run does.
 */
public record Move(RevCommit from, RevCommit to, List<RevCommit> left, List<RevCommit> reached, List<DiffEntry> files,
            DirtyWork dirty) {

    public static Move forReset(GitRepo repo, RevCommit target, boolean hard) throws GitException {
        RevCommit head = repo.head();
        WorkState state = WorkState.of(repo);
        DirtyWork dirty = hard ? DirtyWork.forHardReset(state, Trees.files(repo.repository(), target))
                : new DirtyWork(state, Set.of());
        return of(repo, head, target, dirty);
    }

    /**
     * A reset previewed after an earlier step would have moved HEAD to {@code from}. When that step
     * would rewrite the work tree, it deals with the uncommitted work first (refuses or saves it).
     */
    public static Move forResetAfter(GitRepo repo, RevCommit from, RevCommit target, boolean hard,
                                     boolean workTreeReplaced) throws GitException {
        WorkState state = WorkState.of(repo);
        DirtyWork dirty = hard && !workTreeReplaced ? DirtyWork.forHardReset(state, Trees.files(repo.repository(),
                target)) : new DirtyWork(state, Set.of());
        return of(repo, from, target, dirty);
    }

    public static Move forCheckout(GitRepo repo, RevCommit target) throws GitException {
        RevCommit head = repo.head();
        List<DiffEntry> files = Trees.diff(repo.repository(), head, target);
        DirtyWork dirty = DirtyWork.forCheckout(WorkState.of(repo), Trees.paths(files),
                Trees.files(repo.repository(), target));
        return new Move(head, target, History.only(repo.repository(), head, target),
                History.only(repo.repository(), target, head), files, dirty);
    }

    private static Move of(GitRepo repo, RevCommit head, RevCommit target, DirtyWork dirty) throws GitException {
        return new Move(head, target, History.only(repo.repository(), head, target),
                History.only(repo.repository(), target, head), Trees.diff(repo.repository(), head, target), dirty);
    }

    /** Full hashes, newest first: what later steps (and the journal) get as {@code dropped}. */
    public List<String> leftHashes() {
        return left.stream().map(RevCommit::name).toList();
    }

    /** The commit lines of a preview: what is left behind and what is reached. */
    public List<String> commitEffects(String leftWhere) {
        List<String> lines = new ArrayList<>();
        if (!left.isEmpty()) {
            lines.add(left.size() + " commit(s) " + leftWhere + ":");
            History.describe(left).forEach(c -> lines.add("  - " + c));
        }
        if (!reached.isEmpty()) {
            lines.add(reached.size() + " commit(s) not in HEAD now would be reached:");
            History.describe(reached).forEach(c -> lines.add("  + " + c));
        }
        return lines;
    }

    /** The file lines of a preview, capped like the commit lines. */
    public List<String> fileEffects(String heading) {
        List<String> lines = new ArrayList<>();
        if (files.isEmpty()) {
            return lines;
        }
        lines.add(files.size() + " file(s) " + heading + ":");
        List<String> described = Trees.describe(files);
        described.subList(0, Math.min(History.SHOWN, described.size())).forEach(f -> lines.add("  " + f));
        if (described.size() > History.SHOWN) {
            lines.add("  ... and " + (described.size() - History.SHOWN) + " more");
        }
        return lines;
    }
}
