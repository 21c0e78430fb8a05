package dev.runbook.files;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a tree as a manifest records it: a '/'-separated name, its kind, size, mode (the
 * permission bits with setuid, setgid and sticky), modification time, content checksum (files
 * only), link target (symlinks only), owner and group (-1 when not recorded: a hand-made backup),
 * and for a file with several names, the name of the first one in the tree ({@code hardLinkOf}):
 * it is made a hard link of that one, not a copy.
 */
public record Entry(String name, Kind kind, long size, int mode, Instant mtime, Optional<String> sha256,
                    Optional<String> linkTarget, int uid, int gid, Optional<String> hardLinkOf) {

    /** Without owner, group or hard link (not recorded). */
    public Entry(String name, Kind kind, long size, int mode, Instant mtime, Optional<String> sha256,
                 Optional<String> linkTarget) {
        this(name, kind, size, mode, mtime, sha256, linkTarget, -1, -1, Optional.empty());
    }

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
        return new Entry(name, kind, size, mode, mtime, Optional.of(sum), linkTarget, uid, gid, hardLinkOf);
    }

    public Entry renamed(String newName) {
        return new Entry(newName, kind, size, mode, mtime, sha256, linkTarget, uid, gid, hardLinkOf);
    }

    public Entry withHardLinkOf(Optional<String> first) {
        return new Entry(name, kind, size, mode, mtime, sha256, linkTarget, uid, gid, first);
    }

    public boolean hasOwner() {
        return uid >= 0 && gid >= 0;
    }

    /** Mode as chmod writes it: 0644. */
    public String octalMode() {
        return String.format("%04o", mode);
    }
}
