package dev.runbook.files;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The two Linux calls Java 17 cannot make, through JNA: syncfs (one flush for a whole staged tree
 * instead of an fsync per file: 5,000 fsyncs cost seconds, one syncfs what the data costs) and
 * renameat2 with RENAME_EXCHANGE (two paths swapped in one step, so a restored folder is never
 * absent, not even between two renames). Each answers "not available" rather than failing where
 * the platform, the C library or the filesystem lacks it, and the callers fall back to plain Java.
 */
public final class LinuxCalls {

    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int AT_FDCWD = -100;
    private static final int RENAME_EXCHANGE = 2;
    private static final int EINVAL = 22;
    private static final int ENOSYS = 38;

    /** Set, the process makes no native call at all (docs/FILES.md): for a platform where one misbehaves. */
    public static final String OFF_PROPERTY = "runbook.noNativeCalls";

    private static final LinuxCalls NATIVE = new LinuxCalls(true);
    private static final LinuxCalls UNAVAILABLE = new LinuxCalls(false);

    private final boolean enabled;

    private LinuxCalls(boolean enabled) {
        this.enabled = enabled;
    }

    /** The calls as this process may make them: native, unless {@code -Drunbook.noNativeCalls=true}. */
    public static LinuxCalls system() {
        return Boolean.getBoolean(OFF_PROPERTY) ? UNAVAILABLE : NATIVE;
    }

    /** Calls that are never available: every caller takes its plain-Java fallback (tests of those). */
    public static LinuxCalls unavailable() {
        return UNAVAILABLE;
    }

    /** Whether native calls may be made at all (libcrypto's SHA-256 follows the same switch). */
    public boolean enabled() {
        return enabled;
    }

    interface C extends Library {
        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int syncfs(int fd) throws LastErrorException;

        int renameat2(int fromDir, String from, int toDir, String to, int flags) throws LastErrorException;
    }

    /** Loaded on first use only: commands that never restore do not pay for JNA's start. */
    private static final class Libc {
        static final C C = load();

        private static C load() {
            if (!Platform.isLinux()) {
                return null;
            }
            try {
                JnaSearchPath.settle();
                return Native.load("c", C.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return null;
            }
        }
    }

    private C libc() {
        return enabled ? Libc.C : null;
    }

    /**
     * Flushes the whole filesystem holding path (data and metadata) and waits for it: afterwards
     * everything written there before the call is durable. False when the call is not available.
     */
    public boolean syncFileSystem(Path path) throws IOException {
        C c = libc();
        if (c == null) {
            return false;
        }
        int fd;
        try {
            fd = c.open(path.toAbsolutePath().toString(), O_RDONLY_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + path + " to flush its filesystem: " + reason(e));
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
        try {
            c.syncfs(fd);
            return true;
        } catch (LastErrorException e) {
            throw new IOException("cannot flush the filesystem of " + path + ": " + reason(e));
        } catch (UnsatisfiedLinkError e) {
            return false;
        } finally {
            c.close(fd);
        }
    }

    /**
     * Swaps the two paths in one atomic step (both must exist, on one filesystem). False when the
     * C library, kernel or filesystem cannot; then nothing was changed.
     */
    public boolean exchange(Path a, Path b) throws IOException {
        C c = libc();
        if (c == null) {
            return false;
        }
        try {
            c.renameat2(AT_FDCWD, a.toAbsolutePath().toString(), AT_FDCWD, b.toAbsolutePath().toString(), RENAME_EXCHANGE);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EINVAL || e.getErrorCode() == ENOSYS) {
                return false;
            }
            throw new IOException("cannot swap " + a + " and " + b + ": " + reason(e));
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    private static String reason(LastErrorException e) {
        String message = e.getMessage();
        int bracket = message == null ? -1 : message.indexOf("] ");
        return bracket >= 0 ? message.substring(bracket + 2) : String.valueOf(message);
    }
}
