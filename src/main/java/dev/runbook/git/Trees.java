package dev.runbook.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/** What commits' trees hold and how two of them differ (JGit's DiffFormatter, no rename detection). */
public final class Trees {

    private Trees() {
    }

    /** Every file path in a commit. */
    public static Set<String> files(Repository repository, RevCommit commit) throws GitException {
        return blobs(repository, commit).keySet();
    }

    /** Every file path in a commit with its blob (sorted by path). */
    public static Map<String, ObjectId> blobs(Repository repository, RevCommit commit) throws GitException {
        Map<String, ObjectId> paths = new TreeMap<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                paths.put(walk.getPathString(), walk.getObjectId(0));
            }
        } catch (IOException e) {
            throw new GitException("cannot read the tree of " + commit.abbreviate(7).name() + ": "
                    + e.getMessage(), e);
        }
        return paths;
    }

    /** The files that differ between two commits, as DiffEntry changes from {@code from} to {@code to}. */
    public static List<DiffEntry> diff(Repository repository, RevCommit from, RevCommit to) throws GitException {
        try (DiffFormatter formatter = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            formatter.setRepository(repository);
            formatter.setDetectRenames(false);
            return formatter.scan(from.getTree(), to.getTree());
        } catch (IOException e) {
            throw new GitException("cannot compare " + from.abbreviate(7).name() + " with "
                    + to.abbreviate(7).name() + ": " + e.getMessage(), e);
        }
    }

    /** The paths a diff touches (old and new side). */
    public static Set<String> paths(List<DiffEntry> diff) {
        Set<String> paths = new TreeSet<>();
        for (DiffEntry entry : diff) {
            if (!entry.getOldPath().equals(DiffEntry.DEV_NULL)) {
                paths.add(entry.getOldPath());
            }
            if (!entry.getNewPath().equals(DiffEntry.DEV_NULL)) {
                paths.add(entry.getNewPath());
            }
        }
        return paths;
    }

    /** "M src/app.py", "A new.txt", "D gone.txt": the work-tree effect of moving between the commits. */
    public static List<String> describe(List<DiffEntry> diff) {
        List<String> lines = new ArrayList<>();
        for (DiffEntry entry : diff) {
            switch (entry.getChangeType()) {
                case ADD -> lines.add("A " + entry.getNewPath());
                case DELETE -> lines.add("D " + entry.getOldPath());
                default -> lines.add("M " + entry.getNewPath());
            }
        }
        return lines;
    }
}
