package dev.runbook.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Linux's process table, read from /proc. ProcessHandle gives neither the process group nor the
 * raw command line (its Info joins the resolved executable with the arguments, and is empty for
 * other users' processes), and it counts zombies as alive; so the files are read directly.
 */
public final class ProcessTable {

    private static final Path PROC = Path.of("/proc");

    private ProcessTable() {
    }

    /** Every process now; with {@code commandLines} false the cmdline files are not read (cheaper). */
    public static List<ProcessInfo> snapshot(boolean commandLines) {
        List<ProcessInfo> all = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    read(Long.parseLong(name), commandLines).ifPresent(all::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc (process control needs Linux)", e);
        }
        return all;
    }

    /** The process with this pid now, or empty when there is none (or it vanished while being read). */
    public static Optional<ProcessInfo> read(long pid, boolean commandLine) {
        Path dir = PROC.resolve(Long.toString(pid));
        try {
            String stat = new String(Files.readAllBytes(dir.resolve("stat")), StandardCharsets.ISO_8859_1);
            // "PID (COMM) STATE PPID PGRP ...": COMM may hold spaces and parentheses, so split after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            String cmd = commandLine ? commandLine(dir) : "";
            return Optional.of(new ProcessInfo(pid, Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[19]), f[0].charAt(0), cmd));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether this very process (same start time) still runs; a zombie counts as gone. */
    public static boolean alive(ProcessInfo process) {
        return read(process.pid(), false).filter(now -> now.sameProcessAs(process) && !now.exited()).isPresent();
    }

    /** Whether the process's environment holds exactly this NAME=VALUE entry (false when unreadable). */
    static boolean hasEnvironmentEntry(long pid, byte[] entry) {
        try {
            byte[] env = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
            for (int start = 0; start < env.length; ) {
                int end = start;
                while (end < env.length && env[end] != 0) {
                    end++;
                }
                if (end - start == entry.length && Arrays.equals(env, start, end, entry, 0, entry.length)) {
                    return true;
                }
                start = end + 1;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** This JVM and every process above it: never matched, never signalled. */
    static Set<Long> selfAndAncestors(Map<Long, ProcessInfo> byPid) {
        Set<Long> pids = new HashSet<>();
        long pid = ProcessHandle.current().pid();
        while (pid > 0 && pids.add(pid)) {
            ProcessInfo info = byPid.get(pid);
            pid = info == null ? 0 : info.ppid();
        }
        return pids;
    }

    static Map<Long, ProcessInfo> byPid(List<ProcessInfo> table) {
        Map<Long, ProcessInfo> map = new HashMap<>(table.size() * 2);
        for (ProcessInfo p : table) {
            map.put(p.pid(), p);
        }
        return map;
    }

    private static String commandLine(Path dir) throws IOException {
        byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
        int length = raw.length;
        while (length > 0 && raw[length - 1] == 0) {
            length--;
        }
        for (int i = 0; i < length; i++) {
            if (raw[i] == 0) {
                raw[i] = ' ';
            }
        }
        return new String(raw, 0, length, StandardCharsets.UTF_8);
    }
}
