package dev.runbook.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's owner, group and whole mode (permission bits plus setuid, setgid and sticky), read and
 * given back without following links. Root can always give them back; another user cannot hand a
 * file to someone else, nor set setgid on a file of a group it is not in (the kernel clears that
 * bit silently), so {@link #apply} reads back what it set and returns what did not stick, for the
 * step to list: a loss is reported, never silent.
 */
public final class Ownership {

    /** Every bit chmod(2) takes: 0777 plus setuid 04000, setgid 02000, sticky 01000. */
    public static final int MODE_BITS = 07777;

    public record Owner(int uid, int gid, int mode) {

        public String modeText() {
            return String.format("%04o", mode);
        }
    }

    private Ownership() {
    }

    public static Owner of(Path path) throws IOException {
        return new Owner(attribute(path, "uid"), attribute(path, "gid"), attribute(path, "mode") & MODE_BITS);
    }

    /** The uid this process runs as (the owner of what it creates). */
    public static int currentUid() {
        try {
            return attribute(Path.of("/proc/self"), "uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /**
     * Gives {@code path} the owner, group and mode (chown first: it clears setuid and setgid, so
     * the mode comes after). Returns one line per attribute that could not be kept, naming it by
     * {@code name}; empty when everything was kept. A symlink gets its owner only (links have no mode).
     */
    public static List<String> apply(Path path, Owner wanted, String name) throws IOException {
        List<String> lost = new ArrayList<>();
        boolean link = Files.isSymbolicLink(path);
        Owner now = of(path);
        if (now.uid() != wanted.uid() || now.gid() != wanted.gid()) {
            chown(path, wanted);
        }
        if (!link && (of(path).mode() != wanted.mode())) {
            Files.setAttribute(path, "unix:mode", wanted.mode(), LinkOption.NOFOLLOW_LINKS);
        }
        Owner got = of(path);
        if (got.uid() != wanted.uid() || got.gid() != wanted.gid()) {
            lost.add(name + ": owner " + wanted.uid() + ":" + wanted.gid() + " not kept (it is " + got.uid() + ":"
                    + got.gid() + "; only root can give a file away)");
        }
        if (!link && got.mode() != wanted.mode()) {
            lost.add(name + ": mode " + wanted.modeText() + " not kept (it is " + got.modeText() + ")");
        }
        return lost;
    }

    private static void chown(Path path, Owner wanted) throws IOException {
        try {
            Files.setAttribute(path, "unix:uid", wanted.uid(), LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            // Not root: the loss is read back and reported by apply.
        }
        try {
            Files.setAttribute(path, "unix:gid", wanted.gid(), LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            // A group this user is not in: reported likewise.
        }
    }

    private static int attribute(Path path, String name) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:" + name, LinkOption.NOFOLLOW_LINKS)).intValue();
    }
}
