package dev.runbook.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Swaps a backup in for a database. The order is what makes it safe:
 * <ol>
 * <li>refuse while anything could still write to the current database (it would keep writing into
 *     the file that is being replaced);</li>
 * <li>stage a copy of the backup beside the target (same file system), fsync it, check it: byte for
 *     byte when the backup is one self-contained file, so the restored database is exactly the one
 *     backed up (its checksum matches the backup's manifest); through SQLite's backup API when a
 *     -wal or -journal beside the backup holds pages the file alone lacks;</li>
 * <li>keep the current database and its -wal, -shm and -journal under {@code keep} (hard links, or
 *     synced copies across file systems), so the target path never disappears;</li>
 * <li>remove the old -wal, -shm and -journal beside the target: a stale WAL left there would be
 *     replayed into the restored database;</li>
 * <li>rename the staged copy over the target (atomic) and fsync the folder; check the result.</li>
 * </ol>
 * Before step 3 nothing of the target has changed; a refusal or a bad backup leaves it untouched.
 */
public final class Restore {

    static final List<String> SIDECARS = List.of("-wal", "-shm", "-journal");

    /**
     * Up to this size the backup gets the full integrity_check before it is swapped in, above it
     * quick_check. quick_check skips the one thing only integrity_check finds, an index that
     * disagrees with its table (a restored database would then answer queries wrongly), and a
     * restore is exactly where that must not slip through. But integrity_check looks every index
     * entry up in its table: on a 500 MB database with two indexes it took 25-30 s (PERFORMANCE.md)
     * where quick_check reads the file once. 256 MiB keeps the full check to a few seconds on the
     * databases this tool is for; a larger one can be checked in full first with sqlite.integrity.
     */
    /** The restore stopped before changing anything: the database is as it was. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    public static final long FULL_CHECK_MAX_BYTES = 256L * 1024 * 1024;

    /** {@code notKept}: the owner or mode of the database that could not be given to the restored file. */
    public record Result(Optional<Path> keptAs, List<Path> keptFiles, long bytes, List<String> notKept) {
    }

    /** What to check a backup of this size with (see {@link #FULL_CHECK_MAX_BYTES}). */
    public static IntegrityCheck.Mode checkMode(Path backup) {
        try {
            return Files.size(backup) <= FULL_CHECK_MAX_BYTES ? IntegrityCheck.Mode.FULL : IntegrityCheck.Mode.QUICK;
        } catch (IOException e) {
            return IntegrityCheck.Mode.QUICK;
        }
    }

    private Restore() {
    }

    /**
     * Why the restore cannot start, or empty. Read-only: previews call it too. {@code allowEmpty}:
     * a backup without a single table may replace a database that has some.
     */
    public static Optional<String> refusal(Path from, Path to, Path keep, boolean allowEmpty) {
        return refusal(from, to, keep, allowEmpty, java.util.Set.of(), path -> false);
    }

    /**
     * The refusal as a dry run sees it after earlier steps: {@code stopping}, processes an earlier
     * step would stop (not writers then); {@code wouldExist}, paths an earlier step would create
     * (a name to keep the current database under that would be taken then).
     */
    public static Optional<String> refusal(Path from, Path to, Path keep, boolean allowEmpty,
                                           java.util.Set<Long> stopping,
                                           java.util.function.Predicate<Path> wouldExist) {
        Optional<String> backup = FileHeader.problem(from);
        if (backup.isPresent()) {
            return Optional.of("the backup is not usable: " + backup.get());
        }
        if (!allowEmpty && FileHeader.problem(to).isEmpty()) {
            long backupObjects = DatabaseSummary.schemaObjects(from);
            long currentObjects = DatabaseSummary.schemaObjects(to);
            if (backupObjects == 0 && currentObjects > 0) {
                return Optional.of("the backup " + from + " has no schema (no tables, a valid but empty database) and "
                        + to + " has " + currentObjects + " schema objects; restoring would empty it (set allow_empty: "
                        + "true if that is meant)");
            }
        }
        if (Files.exists(to)) {
            for (Path kept : keptFiles(to, keep)) {
                if (Files.exists(kept) || wouldExist.test(kept)) {
                    return Optional.of(kept + (Files.exists(kept) ? " already exists" : " would exist by then (an "
                            + "earlier step keeps a file there)") + ": pick another keep_current_as (nothing is "
                            + "overwritten)");
                }
            }
        }
        List<String> writers = Writers.of(to, stopping);
        if (!writers.isEmpty()) {
            return Optional.of(to + " is in use: " + String.join("; ", writers) + "; stop it first (process.stop)");
        }
        return Optional.empty();
    }

    public static Result run(Path from, Path to, Path keep, boolean allowEmpty) throws IOException {
        Optional<String> refused = refusal(from, to, keep, allowEmpty);
        if (refused.isPresent()) {
            throw new Refused(refused.get());
        }
        Durable.removeAbandoned(to, "restore");
        IntegrityCheck.Result backupCheck = IntegrityCheck.run(from, checkMode(from), false);
        if (!backupCheck.ok()) {
            throw new Refused("the backup fails its check, nothing was changed: " + backupCheck.result());
        }
        Files.createDirectories(to.toAbsolutePath().getParent());
        Path staged = Durable.tempBeside(to, "restore");
        try {
            stage(from, staged);
            // The database keeps its owner and mode (an app running as its own user must still be
            // able to write it): the current file's, or the backup's when there is none.
            List<String> notKept = dev.runbook.files.Ownership.apply(staged, dev.runbook.files.Ownership.of(
                    Files.exists(to) ? to : from), to.toString());
            Durable.fsync(staged);
            IntegrityCheck.Result stagedCheck = IntegrityCheck.run(staged, IntegrityCheck.Mode.QUICK, false);
            if (!stagedCheck.ok()) {
                throw new Refused("the staged copy fails its check, nothing was changed: " + stagedCheck.result());
            }
            List<Path> kept = new ArrayList<>();
            if (Files.exists(to)) {
                for (Path file : existing(to)) {
                    Path target = keptName(file, to, keep);
                    Durable.keep(file, target);
                    kept.add(target);
                }
                for (String suffix : SIDECARS) {
                    Files.deleteIfExists(Writers.sidecar(to, suffix));
                }
            }
            Durable.atomicRename(staged, to);
            return new Result(kept.isEmpty() ? Optional.empty() : Optional.of(keep), kept, Files.size(to), notKept);
        } finally {
            OnlineBackup.removeWithSidecars(staged);
        }
    }

    private static void stage(Path from, Path staged) throws IOException {
        Path wal = Writers.sidecar(from, "-wal");
        boolean pagesOutside = Files.exists(Writers.sidecar(from, "-journal"))
                || (Files.exists(wal) && Files.size(wal) > 0);
        if (pagesOutside) {
            OnlineBackup.copy(from, staged);
        } else {
            Files.copy(from, staged, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** The database and whichever sidecars exist now. */
    private static List<Path> existing(Path to) {
        List<Path> files = new ArrayList<>(List.of(to));
        for (String suffix : SIDECARS) {
            Path sidecar = Writers.sidecar(to, suffix);
            if (Files.exists(sidecar)) {
                files.add(sidecar);
            }
        }
        return files;
    }

    /**
     * The files the current database (and its -wal/-shm/-journal) would be kept as: tmws.db-wal
     * beside keep as tmws.db.failed-phase4-wal.
     */
    public static List<Path> keptFiles(Path to, Path keep) {
        return existing(to).stream().map(file -> keptName(file, to, keep)).toList();
    }

    private static Path keptName(Path file, Path to, Path keep) {
        String suffix = file.getFileName().toString().substring(to.getFileName().toString().length());
        return keep.resolveSibling(keep.getFileName() + suffix);
    }
}
