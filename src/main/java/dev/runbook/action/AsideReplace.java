package dev.runbook.action;

import dev.runbook.files.Durable;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Replaces a small file atomically and keeps the old one beside it: the new content is written to
 * a temporary file in the same folder (same filesystem, so the rename is atomic), fsynced, given
 * the old file's permissions, and renamed over it; the old content stays reachable under a new
 * name, a hard link made before the rename (a copy where links are not supported). A crash leaves
 * either the old file or the new one, never a half-written one.
 */
final class AsideReplace {

    private AsideReplace() {
    }

    /** Returns where the previous file was kept, or null when there was none. */
    static Path replace(Path file, byte[] content, String keptSuffix) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, content);
            boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            if (existed) {
                PosixFileAttributeView old = Files.getFileAttributeView(file, PosixFileAttributeView.class);
                if (old != null) {
                    Files.setPosixFilePermissions(temp, old.readAttributes().permissions());
                }
            }
            Durable.fsync(temp);
            Path kept = existed ? keep(file, dir.resolve(file.getFileName() + "." + keptSuffix)) : null;
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            Durable.fsync(dir);
            return kept;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path keep(Path file, Path base) throws IOException {
        for (int n = 1; ; n++) {
            Path kept = n == 1 ? base : Path.of(base + "." + n);
            try {
                Files.createLink(kept, file);
                return kept;
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(kept, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Files.copy(file, kept, StandardCopyOption.COPY_ATTRIBUTES);
                Durable.fsync(kept);
                return kept;
            }
        }
    }
}
