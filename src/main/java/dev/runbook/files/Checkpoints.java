package dev.runbook.files;

/**
 * Told the name of each point a restore passes ("staged", "moved-aside", "moved-in", "verified",
 * "done", "put-back"). Crash tests pass one in that stops or kills the process there; a real
 * restore is given {@link #NONE}.
 */
@FunctionalInterface
public interface Checkpoints {

    Checkpoints NONE = point -> { };

    void reached(String point);
}
