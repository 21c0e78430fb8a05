package dev.runbook.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The uncommitted state of a work tree, as {@code git status --porcelain -uall} shows it: two
 * letters (index, work tree) and a path. Ignored files are not work at risk and are left out.
 *
 * @param tracked paths whose index or work-tree content differs from HEAD (including deletions)
 * @param untracked files git does not know about
 */
public record WorkState(List<String> porcelain, Set<String> tracked, Set<String> untracked) {

    public static WorkState of(GitRepo repo) throws GitException {
        Status status;
        try {
            status = repo.git().status().call();
        } catch (GitAPIException | RuntimeException e) {
            throw new GitException("cannot read the status of " + repo.workTree() + ": " + e.getMessage(), e);
        }
        Set<String> tracked = new TreeSet<>();
        tracked.addAll(status.getAdded());
        tracked.addAll(status.getChanged());
        tracked.addAll(status.getRemoved());
        tracked.addAll(status.getModified());
        tracked.addAll(status.getMissing());
        tracked.addAll(status.getConflicting());
        List<String> lines = new ArrayList<>();
        for (String path : tracked) {
            lines.add(indexLetter(status, path) + workTreeLetter(status, path) + " " + path);
        }
        Set<String> untracked = new TreeSet<>(status.getUntracked());
        untracked.forEach(path -> lines.add("?? " + path));
        return new WorkState(List.copyOf(lines), Set.copyOf(tracked), Set.copyOf(untracked));
    }

    /**
     * Tracked paths whose content exists only here: a file deleted (staged or not) with nothing
     * else staged has its content in HEAD, so undoing the deletion loses nothing.
     */
    public Set<String> withUnsavedContent() {
        Set<String> paths = new TreeSet<>();
        for (String line : porcelain) {
            char index = line.charAt(0);
            char workTree = line.charAt(1);
            boolean onlyDeleted = (index == ' ' || index == 'D') && (workTree == ' ' || workTree == 'D');
            if (index != '?' && !onlyDeleted) {
                paths.add(line.substring(3));
            }
        }
        return paths;
    }

    public boolean clean() {
        return porcelain.isEmpty();
    }

    private static String indexLetter(Status status, String path) {
        if (status.getConflicting().contains(path)) {
            return "U";
        }
        if (status.getAdded().contains(path)) {
            return "A";
        }
        if (status.getChanged().contains(path)) {
            return "M";
        }
        return status.getRemoved().contains(path) ? "D" : " ";
    }

    private static String workTreeLetter(Status status, String path) {
        if (status.getConflicting().contains(path)) {
            return "U";
        }
        if (status.getModified().contains(path)) {
            return "M";
        }
        return status.getMissing().contains(path) ? "D" : " ";
    }
}
