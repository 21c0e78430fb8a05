package dev.runbook.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * How to read a database without creating anything beside it. A read-only SQLite connection to a
 * WAL-mode database creates the -shm (and -wal) files it lacks; in a backup folder those are
 * files its manifest does not list, so the next backup.verify failed after a mere integrity check.
 * <ul>
 * <li>A WAL database with no -shm and no (or an empty) -wal: no connection has it open and its WAL
 *     holds nothing, so the file alone is the database: it is opened {@code immutable=1}, which
 *     takes no locks and creates nothing.</li>
 * <li>A WAL database with a non-empty -wal but no -shm (a copied backup, or a crash's leftover):
 *     the -wal holds committed pages, so immutable would miss them; the two files are copied into a
 *     private temporary folder and read there. The folder goes when the connection closes.</li>
 * <li>Anything else (rollback-journal databases, live WAL databases with their -shm) opens as it
 *     is: SQLite creates nothing for those.</li>
 * </ul>
 */
final class QuietOpen {

    private static final int WRITE_VERSION_OFFSET = 18;
    private static final int WAL = 2;

    enum Way { PLAIN, IMMUTABLE, PRIVATE_COPY }

    private QuietOpen() {
    }

    static Way way(Path file) {
        if (!walMode(file) || Files.exists(Writers.sidecar(file, "-shm"))) {
            return Way.PLAIN;
        }
        Path wal = Writers.sidecar(file, "-wal");
        try {
            return Files.exists(wal) && Files.size(wal) > 0 ? Way.PRIVATE_COPY : Way.IMMUTABLE;
        } catch (IOException e) {
            return Way.PLAIN;
        }
    }

    /** The URL for an immutable open: a file: URI, so odd characters in the path are escaped. */
    static String immutableUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath().toUri().toString() + "?immutable=1";
    }

    /** Copies the database and its -wal into a private folder; the copy's path. */
    static Path privateCopy(Path file) throws IOException {
        Path folder = Files.createTempDirectory("runbook-read-");
        Path copy = folder.resolve("db");
        Files.copy(file, copy);
        Files.copy(Writers.sidecar(file, "-wal"), Writers.sidecar(copy, "-wal"));
        return copy;
    }

    /** {@code connection}, whose close also deletes the private copy's folder. */
    static Connection deletingOnClose(Connection connection, Path copy) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (method.getName().equals("close")) {
                    deleteTree(copy.getParent());
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(QuietOpen.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a private temporary folder: the OS's tmp cleaning takes what is left
        }
    }

    private static boolean walMode(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(WRITE_VERSION_OFFSET + 2);
            return head.length == WRITE_VERSION_OFFSET + 2 && (head[WRITE_VERSION_OFFSET] == WAL
                    || head[WRITE_VERSION_OFFSET + 1] == WAL);
        } catch (IOException e) {
            return false;
        }
    }
}
