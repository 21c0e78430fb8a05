package dev.runbook.files;

/**
 * The library folders JNA searches, given before its first use. Otherwise JNA's start on Linux runs
 * {@code /sbin/ldconfig -p} as a child process to list them: a program run by every command that
 * restores or hashes a file, for names (libc, libcrypto's sonames) that the system's loader finds by
 * itself anyway. These are the folders a distribution's libraries live in (Debian's multiarch ones
 * first); an operator's own {@code jna.platform.library.path} is left as it is.
 */
final class JnaSearchPath {

    static final String PROPERTY = "jna.platform.library.path";
    static final String FOLDERS = String.join(":", "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib");

    private JnaSearchPath() {
    }

    static void settle() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, FOLDERS);
        }
    }
}
