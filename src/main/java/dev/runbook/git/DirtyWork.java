package dev.runbook.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Uncommitted work an operation would destroy. A path is at risk when its current content exists
 * nowhere else: a tracked path with changes against HEAD that the operation rewrites, or an
 * untracked file the operation would write over. Untracked files the operation does not touch are
 * not at risk, as with git, and neither is a bare deletion (the content is in HEAD).
 */
public record DirtyWork(WorkState state, Set<String> atRisk) {

    private static final int LISTED = 20;

    /** reset --hard rewrites every tracked path, and writes every file of the target. */
    public static DirtyWork forHardReset(WorkState state, Set<String> targetFiles) {
        Set<String> paths = new TreeSet<>(state.withUnsavedContent());
        state.untracked().stream().filter(targetFiles::contains).forEach(paths::add);
        return new DirtyWork(state, paths);
    }

    /** checkout rewrites the paths that differ between HEAD and the target; other changes carry over. */
    public static DirtyWork forCheckout(WorkState state, Set<String> changedPaths, Set<String> targetFiles) {
        Set<String> paths = new TreeSet<>();
        state.withUnsavedContent().stream().filter(changedPaths::contains).forEach(paths::add);
        state.untracked().stream().filter(targetFiles::contains).forEach(paths::add);
        return new DirtyWork(state, paths);
    }

    /** restore writes exactly the restored paths. */
    public static DirtyWork forRestore(WorkState state, Set<String> restored) {
        Set<String> paths = new TreeSet<>();
        state.withUnsavedContent().stream().filter(restored::contains).forEach(paths::add);
        state.untracked().stream().filter(restored::contains).forEach(paths::add);
        return new DirtyWork(state, paths);
    }

    public boolean none() {
        return atRisk.isEmpty();
    }

    /** The porcelain lines of the paths at risk. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String line : state.porcelain()) {
            if (atRisk.contains(line.substring(3))) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** "3 uncommitted paths would be lost: M app.py, ?? notes.txt, ..." */
    public String summary() {
        List<String> lines = lines();
        String shown = String.join(", ", lines.subList(0, Math.min(LISTED, lines.size())));
        return lines.size() + " uncommitted path" + (lines.size() == 1 ? "" : "s") + " would be lost: " + shown
                + (lines.size() > LISTED ? ", ... and " + (lines.size() - LISTED) + " more" : "");
    }

    /** The refusal when work is at risk and the step did not ask to save it. */
    public void refuseUnlessSaving(boolean saveDirty, String operation) throws GitException {
        if (!none() && !saveDirty) {
            throw GitException.refused("refusing to " + operation + ": " + summary() + ". Commit or stash them, "
                    + "or set save_dirty: true to copy them into the run's forensics folder first");
        }
    }
}
