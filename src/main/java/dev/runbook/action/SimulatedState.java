package dev.runbook.action;

import dev.runbook.process.PlannedProcess;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the steps a dry run has previewed so far would have done, for the previews after them: the
 * processes that would be stopped (a later sqlite.restore does not refuse over a writer an earlier
 * process.stop ends), paths that would be created (a later step that needs one is not refused
 * because it is not there yet; one that would refuse because it is taken, is), paths whose content
 * would be replaced or removed, and work trees that would be moved to another commit (a later
 * restore under one says that its diff is against the work tree as it is now), the processes that
 * would be started (a later process.stop that picks one says so), the commit a repository's HEAD
 * would be left at (a later git.reset starts there) and the Alembic revision a database would be
 * left at (a later alembic step starts there). Written by
 * previews, read by the previews after them; the real run keeps nothing here. Keyed by absolute,
 * normalised paths; the value is the step that would do it.
 */
public final class SimulatedState {

    private final Map<Long, String> stopped = new ConcurrentHashMap<>();
    private final Map<Path, String> created = new ConcurrentHashMap<>();
    private final Map<Path, String> changed = new ConcurrentHashMap<>();
    private final Map<Path, String> moved = new ConcurrentHashMap<>();
    private final Map<Path, Head> heads = new ConcurrentHashMap<>();
    private final Map<Path, DatabaseRevision> revisions = new ConcurrentHashMap<>();
    private final Map<String, String> startsStopped = new ConcurrentHashMap<>();
    private final Map<String, PlannedProcess> started = Collections.synchronizedMap(new LinkedHashMap<>());

    /** The processes {@code step} would stop. */
    public void wouldStop(String step, Collection<Long> pids) {
        pids.forEach(pid -> stopped.putIfAbsent(pid, step));
    }

    /** The step that would already have stopped this process, if any. */
    public Optional<String> stoppedBy(long pid) {
        return Optional.ofNullable(stopped.get(pid));
    }

    public Set<Long> stoppedPids() {
        return Set.copyOf(stopped.keySet());
    }

    /** The process {@code step} would start (a later process.stop may pick it, by all but its pid). */
    public void wouldStart(String step, PlannedProcess process) {
        started.put(step, process);
    }

    /** The processes earlier steps would start, by step, in the order they were previewed. */
    public Map<String, PlannedProcess> started() {
        synchronized (started) {
            return new LinkedHashMap<>(started);
        }
    }

    /**
     * The Alembic revision a database would be at after the steps so far, and which database that is
     * ({@code source}: "the database step 'restore-db' would swap in (backup/app.db)"): known (empty:
     * base) or not (a backup that does not exist yet). The latest step wins.
     */
    public record DatabaseRevision(String source, boolean known, Optional<String> revision) {
    }

    public void wouldLeave(Path db, DatabaseRevision revision) {
        revisions.put(key(db), revision);
    }

    /** What the earlier steps would leave this database at, when one of them would change its revision. */
    public Optional<DatabaseRevision> revisionOf(Path db) {
        return Optional.ofNullable(revisions.get(key(db)));
    }

    /** {@code stopStep} would stop the process {@code startStep} would start; the first such stop is kept. */
    public void wouldStopStarted(String startStep, String stopStep) {
        startsStopped.putIfAbsent(startStep, stopStep);
    }

    /** The step that would already have stopped the process this start step would start. */
    public Optional<String> startStoppedBy(String startStep) {
        return Optional.ofNullable(startsStopped.get(startStep));
    }

    /** A file or folder {@code step} would create (a backup, a copy kept aside). */
    public void wouldCreate(String step, Path path) {
        created.putIfAbsent(key(path), step);
    }

    /** The step that would create this path or a folder it is in. */
    public Optional<String> createdBy(Path path) {
        return within(created, key(path));
    }

    /** A file or folder whose content {@code step} would replace or remove. */
    public void wouldChange(String step, Path path) {
        changed.putIfAbsent(key(path), step);
    }

    /** The step that would change this path, a folder it is in, or something inside it. */
    public Optional<String> changedBy(Path path) {
        Path wanted = key(path);
        return within(changed, wanted).or(() -> changed.entrySet().stream().filter(e -> e.getKey().startsWith(wanted))
                .map(Map.Entry::getValue).findFirst());
    }

    /** A git work tree {@code step} would move to another commit (reset, checkout). */
    public void wouldMove(String step, Path workTree, String commit) {
        moved.put(key(workTree), step + " (to " + commit + ")");
    }

    /**
     * Where {@code step} would leave a repository's HEAD (the full commit hash), and whether it would
     * rewrite the work tree to it (reset --hard, checkout: any uncommitted work that step refuses over or saves).
     */
    public record Head(String step, String commit, boolean workTreeReplaced) {
    }

    public void wouldLeaveHead(Path workTree, Head head) {
        heads.put(key(workTree), head);
    }

    /** Where the steps so far would leave this work tree's HEAD, when one of them would move it. */
    public Optional<Head> headOf(Path workTree) {
        return Optional.ofNullable(heads.get(key(workTree)));
    }

    /** The step that would move the work tree this path is in, and to which commit. */
    public Optional<String> movedBy(Path path) {
        return within(moved, key(path));
    }

    private static Optional<String> within(Map<Path, String> paths, Path wanted) {
        for (Path at = wanted; at != null; at = at.getParent()) {
            String step = paths.get(at);
            if (step != null) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
