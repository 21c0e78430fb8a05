package dev.runbook.action;

import dev.runbook.sqlite.FileHeader;
import dev.runbook.sqlite.IntegrityCheck;
import dev.runbook.sqlite.OnlineBackup;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A database as a file of a backup ({@code backup.create}'s {@code sqlite:}): a consistent online
 * snapshot through SQLite's backup API (what the WAL holds included), not a copy of the bytes of a
 * file a live service may be writing. The snapshot must have the source's page count and pass
 * quick_check before it is kept; it gets the source file's permissions.
 */
final class SqliteSnapshot {

    private SqliteSnapshot() {
    }

    static void write(Path database, Path out) throws IOException {
        try {
            FileHeader.read(database);
            long pages = OnlineBackup.copy(database, out);
            FileHeader copy = FileHeader.read(out);
            if (copy.pageCount() != 0 && copy.pageCount() != pages) {
                throw new IOException("the snapshot of " + database + " has " + copy.pageCount() + " pages, the "
                        + "database had " + pages);
            }
            IntegrityCheck.Result check = IntegrityCheck.run(out, IntegrityCheck.Mode.QUICK, false, true);
            if (!check.ok()) {
                throw new IOException("the snapshot of " + database + " fails its check: " + check.result());
            }
            // The database's owner and whole mode, as sqlite.backup gives its copy (what does not
            // stick when not root is what the manifest then records for the snapshot).
            dev.runbook.files.Ownership.apply(out, dev.runbook.files.Ownership.of(database), out.toString());
        } catch (FileHeader.NotADatabase e) {
            OnlineBackup.removeWithSidecars(out);
            throw new IOException(e.getMessage(), e);
        } catch (IOException e) {
            OnlineBackup.removeWithSidecars(out);
            throw e;
        }
    }
}
