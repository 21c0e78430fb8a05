package dev.runbook.process;

import java.util.List;

/**
 * Told about every command a step starts, so a journal can keep it: the token's prefix comes from
 * the caller (a run and step id the journal already holds, durable before the command starts, so a
 * survivor can be found by its environment even if nothing else reached the disk), and the pid as
 * soon as the command has started.
 */
public interface CommandWatch {

    CommandWatch NONE = new CommandWatch() {
    };

    /** Put in front of the command's RUNBOOK_TREE token (must not contain '=' or NUL). */
    default String tokenPrefix() {
        return "";
    }

    /** The command has started with this pid and token; it runs while this is called. */
    default void started(String token, List<String> command, long pid) {
    }
}
