package dev.runbook.git;

import dev.runbook.action.Action;
import java.util.Map;

/** The git family, all through JGit: git is never run as a command. */
public final class GitImplementations {

    private GitImplementations() {
    }

    public static Map<String, Action> all() {
        return Map.of("git.status", new GitStatus(),
                "git.tag", new GitTag(),
                "git.checkout", new GitCheckout(),
                "git.reset", new GitReset(),
                "git.restore", new GitRestore(),
                "git.log", new GitLog());
    }
}
