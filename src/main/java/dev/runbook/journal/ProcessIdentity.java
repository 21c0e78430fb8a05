package dev.runbook.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process as a lock records it: pid, host, and a start mark telling this process from a later one
 * given the same pid. On Linux the mark is the boot id and the start time in clock ticks since boot
 * (field 22 of /proc/PID/stat): both are fixed for a process's life, whereas a start instant is
 * derived from the wall clock and moves when the clock is stepped, which would make a live run's
 * process look like a stranger and its lock be taken over. Elsewhere it is the start instant.
 */
public record ProcessIdentity(long pid, String host, Optional<String> startMark) {

    public static ProcessIdentity current(String host) {
        long pid = ProcessHandle.current().pid();
        return new ProcessIdentity(pid, host, startMark(pid));
    }

    /**
     * Why this process is certainly gone, judged from {@code thisHost}: no process has its pid, or
     * the one that has it started at another time. Empty when it may be alive, and always for a
     * process on another host, which cannot be looked at from here.
     */
    public Optional<String> goneFrom(String thisHost) {
        if (!host.equals(thisHost)) {
            return Optional.empty();
        }
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            return Optional.of("that process is gone");
        }
        Optional<String> now = startMark(pid);
        if (startMark.isPresent() && now.isPresent() && !startMark.equals(now)) {
            return Optional.of("pid " + pid + " now belongs to another process");
        }
        return Optional.empty();
    }

    static Optional<String> startMark(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String bootId = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
            // The command name in parentheses may hold spaces and parentheses: fields count from the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(bootId + "/" + fields[19]);
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant()).map(Times::stored);
        }
    }
}
