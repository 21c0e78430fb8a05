package dev.runbook.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commands a dead runbook process left running: every live process whose environment carries a
 * RUNBOOK_TREE token with the given prefix (the command and everything it started, even after a
 * double fork), and every recorded pid still held by the process with the recorded start ticks (a
 * command that cleared its environment). Never this JVM or its ancestors; zombies are gone.
 */
public final class Survivors {

    private Survivors() {
    }

    /** recorded: pid to start ticks (clock ticks after boot) as journaled; ticks below 0 are unknown and not trusted. */
    public static List<ProcessInfo> find(String tokenPrefix, Map<Long, Long> recorded) {
        List<ProcessInfo> table = ProcessTable.snapshot(true);
        Set<Long> excluded = ProcessTable.selfAndAncestors(ProcessTable.byPid(table));
        byte[] entry = (CommandRunner.MARKER + "=" + tokenPrefix).getBytes(StandardCharsets.UTF_8);
        List<ProcessInfo> found = new ArrayList<>();
        for (ProcessInfo p : table) {
            if (p.exited() || excluded.contains(p.pid())) {
                continue;
            }
            Long ticks = recorded.get(p.pid());
            if ((ticks != null && ticks >= 0 && ticks == p.startTicks()) || carries(p.pid(), entry)) {
                found.add(p);
            }
        }
        return found;
    }

    /** Ends them and everything they started, as a timeout ends a command's tree: TERM, grace, KILL. */
    public static Ending end(List<ProcessInfo> survivors, Duration grace) {
        return Terminator.end(ProcessSet.tree(survivors, null), grace);
    }

    /** The process's RUNBOOK_TREE token, when its environment can be read and has one. */
    public static java.util.Optional<String> token(long pid) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            String name = CommandRunner.MARKER + "=";
            for (String entry : new String(env, StandardCharsets.UTF_8).split("\0")) {
                if (entry.startsWith(name)) {
                    return java.util.Optional.of(entry.substring(name.length()));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // another user's process, or gone
        }
        return java.util.Optional.empty();
    }

    /** Whether an entry of the process's environment starts with these bytes. */
    private static boolean carries(long pid, byte[] prefix) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            for (int start = 0; start < env.length; ) {
                int end = start;
                while (end < env.length && env[end] != 0) {
                    end++;
                }
                if (end - start >= prefix.length && java.util.Arrays.equals(env, start, start + prefix.length, prefix,
                        0, prefix.length)) {
                    return true;
                }
                start = end + 1;
            }
            return false;
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
