package dev.runbook.git;

import java.io.File;
import java.util.Map;
import org.eclipse.jgit.util.FS;

/**
 * Where git's system-wide config file is, told to JGit before it opens a repository, so that it never
 * runs git to find out. Left to itself, JGit's first repository runs {@code git --version} and {@code
 * git config --system --show-origin --list -z} from PATH: a rollback tool would run whatever binary
 * named git comes first on PATH, its behaviour would depend on whether the host has git installed, and
 * each run paid ~20-30 ms for the two processes. The file is what git itself reads: the one {@code
 * GIT_CONFIG_SYSTEM} names (git 2.32+), else {@code /etc/gitconfig}; JGit honours {@code
 * GIT_CONFIG_NOSYSTEM} itself. (A git built with another prefix reads its own file; such builds are
 * rare on servers, and this is what a distribution's git reads.)
 */
final class GitSystemConfig {

    private static volatile boolean pinned;

    private GitSystemConfig() {
    }

    /** Pins the file for JGit's detected file system, once per JVM. */
    static void pin() {
        if (!pinned) {
            synchronized (GitSystemConfig.class) {
                if (!pinned) {
                    FS.DETECTED.setGitSystemConfig(file(System.getenv()));
                    pinned = true;
                }
            }
        }
    }

    static File file(Map<String, String> env) {
        String named = env.get("GIT_CONFIG_SYSTEM");
        return new File(named == null || named.isEmpty() ? "/etc/gitconfig" : named);
    }
}
