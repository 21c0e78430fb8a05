package dev.runbook.journal;

import dev.runbook.template.Masker;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run journal: one SQLite file ({@code journal.db} in the state folder, see {@link
 * StateDirectory}) holding every run, every step attempt and the run locks. WAL with {@code synchronous=FULL}, so a committed transition survives a crash of the
 * process or the machine, and the file passes {@code PRAGMA integrity_check} whatever moment the
 * process is killed at. Writes go through a {@link CommitQueue}; see {@link RunRecorder} for the
 * order guarantee and docs/JOURNAL.md for the whole contract.
 *
 * <p>Only a command that needs the journal opens it: opening is what loads SQLite's native library.
 */
public final class Journal implements AutoCloseable {

    private final Connection connection;
    private final CommitQueue queue;
    private final Path file;

    private Journal(Connection connection, CommitQueue queue, Path file) {
        this.connection = connection;
        this.queue = queue;
        this.file = file;
    }

    /** {@code journal.db} in the state folder (see {@link StateDirectory}). */
    public static Path location(Path stateDirectory) {
        return stateDirectory.resolve("journal.db");
    }

    public static Journal open(Path file) {
        return open(file, CommitPolicy.BATCHED);
    }

    public static Journal open(Path file, CommitPolicy policy) {
        return open(file, policy, CommitQueue.MAX_LAG);
    }

    /** With another lag for queued writes: for tests that need the timer out of the way, or quick. */
    static Journal open(Path file, CommitPolicy policy, Duration maxLag) {
        Path absolute = file.toAbsolutePath();
        Connection connection = SqliteFile.connect(absolute);
        return new Journal(connection, new CommitQueue(connection, policy, absolute.toString(), maxLag), absolute);
    }

    public Path file() {
        return file;
    }

    /**
     * Takes the runbook's lock and records the run, in one durable transaction: there is never a
     * running run without its lock, nor a lock without its run.
     */
    public RunRecorder startRun(RunStart start, Masker masker) throws RunLocked {
        ProcessIdentity me = ProcessIdentity.current(start.host());
        String params = MaskedJson.write(start.params(), masker);
        Locked locked = queue.commitNow(connection -> {
            WalReserve.extend(connection, file);
            String id = RunIds.unused(connection, start.startedAt());
            RunLock.Acquisition lock = RunLock.acquire(connection, start.lockKey(), id, me, start.startedAt());
            if (lock.refusedBy().isEmpty()) {
                Sql.update(connection, "INSERT INTO runs (id, runbook, runbook_sha256, params, scenario, dry_run, "
                        + "user, host, pid, started_at, status, runbook_file, only_steps, from_step, lock_key, "
                        + "undoes_run_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)",
                        id, start.runbook(), start.runbookSha256(), params, start.scenario().orElse(null),
                        start.dryRun() ? 1 : 0, start.user(), start.host(), me.pid(), Times.stored(start.startedAt()),
                        start.origin().file().orElse(null), MaskedJson.writeIds(start.origin().only()),
                        start.origin().from().orElse(null), start.lockKey(), start.origin().undoes().orElse(null));
            }
            return new Locked(id, start.lockKey(), lock, Map.of());
        });
        return locked.recorder(masker, queue);
    }

    /**
     * For resume: takes the lock again under the same run id (taking over the dead process's own
     * lock), sets the run {@code running} with this process as its pid. The attempts found {@code
     * running} are those the executor died in; the recorder accepts an outcome or a mark for them.
     * The resume itself is recorded ({@link #resumes}) in the same transaction.
     */
    public RunRecorder continueRun(String runId, Masker masker, String host, Instant at) throws RunLocked {
        ProcessIdentity me = ProcessIdentity.current(host);
        Locked locked = queue.commitNow(connection -> {
            WalReserve.extend(connection, file);
            RunRecord run = JournalReader.run(connection, runId)
                    .orElseThrow(() -> new JournalException(file + ": no run " + runId));
            String key = JournalReader.lockKey(connection, runId).orElse(run.runbook());
            RunLock.Acquisition lock = RunLock.acquire(connection, key, runId, me, at);
            Map<String, Instant> running = new HashMap<>();
            if (lock.refusedBy().isEmpty()) {
                // Read again after the lock: taking over a dead holder has just marked it interrupted.
                RunStatus before = JournalReader.run(connection, runId).map(RunRecord::status).orElse(run.status());
                Sql.update(connection, "INSERT INTO resumes (run_id, resumed_at, status_before, host, pid) "
                        + "VALUES (?, ?, ?, ?, ?)", runId, Times.stored(at), before.word(), host, me.pid());
                Sql.update(connection, "UPDATE runs SET status = 'running', ended_at = NULL, host = ?, pid = ? "
                        + "WHERE id = ?", host, me.pid(), runId);
                for (StepRecord step : JournalReader.steps(connection, runId)) {
                    if (step.running()) {
                        running.put(RunRecorder.key(step.stepId(), step.attempt()), step.startedAt());
                    }
                }
            }
            return new Locked(runId, key, lock, running);
        });
        return locked.recorder(masker, queue);
    }

    public Optional<RunRecord> run(String runId) {
        return queue.read(connection -> JournalReader.run(connection, runId));
    }

    /** Every attempt of every step, in the order they started. */
    public List<StepRecord> steps(String runId) {
        return queue.read(connection -> JournalReader.steps(connection, runId));
    }

    /** The last attempt of each step, in the order the steps first started: what resume decides from. */
    public List<StepRecord> latestSteps(String runId) {
        return queue.read(connection -> JournalReader.latestSteps(connection, runId));
    }

    /** Every command the run's steps started (pid, start mark, token), in start order. */
    public List<CommandRecord> commands(String runId) {
        return queue.read(connection -> JournalReader.commands(connection, runId));
    }

    /** This machine's boot id, which start marks begin with (empty where there is none). */
    public static String bootId() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Every resume of the run, oldest first (empty for a run never resumed). */
    public List<ResumeRecord> resumes(String runId) {
        return queue.read(connection -> JournalReader.resumes(connection, runId));
    }

    /** Every verify check recorded for the run, in the order its steps started. */
    public List<VerificationRecord> verifications(String runId) {
        return queue.read(connection -> JournalReader.verifications(connection, runId));
    }

    /** The vars the run rendered at its start, masked; empty for runs recorded before the journal kept them. */
    public Map<String, Object> vars(String runId) {
        return queue.read(connection -> JournalReader.vars(connection, runId));
    }

    /** The runs (not dry runs) that undo {@code runId}: at most one, the journal refuses a second. */
    public List<RunRecord> undoRuns(String runId) {
        return queue.read(connection -> JournalReader.undoRuns(connection, runId));
    }

    /** Runs of {@code runbook} (not dry runs) that started after {@code after}, oldest first. */
    public List<RunRecord> runsAfter(String runbook, Instant after) {
        return queue.read(connection -> JournalReader.runsAfter(connection, runbook, after));
    }

    /** The latest runs, newest first. */
    public List<RunRecord> history(int limit) {
        return queue.read(connection -> JournalReader.history(connection, limit));
    }

    /** The runs the query selects, newest first. */
    public List<RunRecord> history(HistoryQuery query) {
        return queue.read(connection -> JournalReader.history(connection, query));
    }

    /** The run that applied the saved plan with this checksum, if one did (a plan is applied once). */
    public Optional<String> planApplication(String planSha256) {
        return queue.read(connection -> JournalReader.planApplication(connection, planSha256));
    }

    /** The checksum of the saved plan the run applied; empty for a run that applied none. */
    public Optional<String> planOf(String runId) {
        return queue.read(connection -> JournalReader.planOf(connection, runId));
    }

    /** Who holds the lock with this key (a runbook's name for runs before lock keys), if anyone. */
    public Optional<LockHolder> lockHolder(String key) {
        return queue.read(connection -> RunLock.holder(connection, key));
    }

    /** What the run's lock is keyed on: its lock key, or its runbook's name for a run recorded before keys. */
    public String lockKey(String runId) {
        return queue.read(connection -> JournalReader.lockKey(connection, runId)).orElseGet(() -> run(runId)
                .map(RunRecord::runbook).orElse(runId));
    }

    /** {@code ok}, or SQLite's list of what is wrong with the file. */
    public String integrityCheck() {
        return queue.read(JournalReader::integrityCheck);
    }

    /** Commits what is queued; the last connection to close also checkpoints the WAL into the file. */
    @Override
    public void close() {
        try {
            queue.close();
        } finally {
            SqliteFile.closeQuietly(connection);
        }
    }

    /** What the lock transaction decided, turned into a recorder or a refusal once it is committed. */
    private record Locked(String runId, String runbook, RunLock.Acquisition lock, Map<String, Instant> running) {

        RunRecorder recorder(Masker masker, CommitQueue queue) throws RunLocked {
            if (lock.refusedBy().isPresent()) {
                throw new RunLocked(lock.refusedBy().get());
            }
            return new RunRecorder(runId, runbook, masker, queue, lock.takeover(), running);
        }
    }
}
