package dev.runbook.files;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a tree as a manifest records it: a '/'-separated name, its kind, size, permission
 * bits, modification time, content checksum (files only) and link target (symlinks only).
 */
public record Entry(String name, Kind kind, long size, int mode, Instant mtime, Optional<String> sha256,
                    Optional<String> linkTarget) {

    public enum Kind {
        FILE, DIR, SYMLINK;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind of(String word) {
            return valueOf(word.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean isFile() {
        return kind == Kind.FILE;
    }

    public Entry withSha256(String sum) {
        return new Entry(name, kind, size, mode, mtime, Optional.of(sum), linkTarget);
    }

    public Entry renamed(String newName) {
        return new Entry(newName, kind, size, mode, mtime, sha256, linkTarget);
    }

    /** Mode as chmod writes it: 0644. */
    public String octalMode() {
        return String.format("%04o", mode);
    }
}
