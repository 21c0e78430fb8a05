package dev.runbook.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * The SQLite native library kept in a folder, for JVMs that start often on one version: by default
 * sqlite-jdbc writes its 1.1 MB library to the temp folder under a new name on every start and
 * loads it from there (about 75 ms of a 0.6 s fleet host run, measured in docs/PERFORMANCE.md). A
 * fleet host writes it once per cached version, beside the jar; its runs then name it with
 * {@link #options}. A missing file is harmless: sqlite-jdbc falls back to extracting as before.
 */
public final class SqliteNativeLibrary {

    private SqliteNativeLibrary() {
    }

    /** The library's file name on this platform (what {@link #options} names). */
    public static String fileName() {
        return LibraryLoaderUtil.getNativeLibName();
    }

    /** The JVM system properties that make sqlite-jdbc load the library from {@code folder}. */
    public static String[] options(String folder) {
        return new String[] {"-Dorg.sqlite.lib.path=" + folder, "-Dorg.sqlite.lib.name=" + fileName()};
    }

    /**
     * Writes this platform's library into the folder named by the one argument (a temporary name,
     * then renamed: a reader never sees half a library). Exits 0 whether or not the jar has one for
     * this platform: without it, runs extract as before.
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        try (InputStream library = SqliteNativeLibrary.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + fileName())) {
            if (library == null) {
                return;
            }
            Path part = Files.createTempFile(folder, ".sqlite-library", ".part");
            try {
                Files.copy(library, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, folder.resolve(fileName()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }
}
