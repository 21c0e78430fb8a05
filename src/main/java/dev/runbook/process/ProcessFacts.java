package dev.runbook.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What /proc tells about one process beyond its command line: working directory, program,
 * arguments, owner, listening sockets. Each read may fail (another user's process, one that just
 * ended): then the fact is empty and a criterion that needs it does not hold, so the process is
 * left alone rather than stopped on a guess.
 */
final class ProcessFacts {

    private static final Path PROC = Path.of("/proc");
    private static final String DELETED = " (deleted)";

    private ProcessFacts() {
    }

    static Optional<Path> cwd(long pid) {
        return link(PROC.resolve(Long.toString(pid)).resolve("cwd"));
    }

    /** The running program; an upgrade that replaced the file leaves the kernel's name with " (deleted)". */
    static Optional<Path> exe(long pid) {
        return link(PROC.resolve(Long.toString(pid)).resolve("exe"));
    }

    /** The NUL-separated arguments as they are (the joined command line cannot tell spaces from separators). */
    static List<String> argv(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            List<String> args = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= raw.length; i++) {
                if (i == raw.length || raw[i] == 0) {
                    if (i > start || i < raw.length) {
                        args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    }
                    start = i + 1;
                }
            }
            return args;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static Optional<Integer> uid(long pid) {
        try {
            return Optional.of((Integer) Files.getAttribute(PROC.resolve(Long.toString(pid)), "unix:uid",
                    LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<String> owner(long pid) {
        try {
            return Optional.of(Files.getOwner(PROC.resolve(Long.toString(pid)), LinkOption.NOFOLLOW_LINKS).getName());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether one of the process's open files is one of these sockets ({@code socket:[INODE]}). */
    static boolean holdsSocket(long pid, Set<String> socketInodes) {
        if (socketInodes.isEmpty()) {
            return false;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                Optional<Path> target = link(fd);
                if (target.isPresent()) {
                    String name = target.get().toString();
                    if (name.startsWith("socket:[") && socketInodes.contains(name.substring(8, name.length() - 1))) {
                        return true;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** The inodes of the TCP sockets (IPv4 and IPv6) listening on this port now. */
    static Set<String> listeningSockets(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            try {
                for (String line : Files.readAllLines(PROC.resolve("net").resolve(table), StandardCharsets.US_ASCII)) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode; st 0A = LISTEN
                    if (f.length > 9 && f[1].contains(":") && "0A".equals(f[3])
                            && Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16) == port) {
                        inodes.add(f[9]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no IPv6 (or no /proc/net): nothing listens there
            }
        }
        return inodes;
    }

    private static Optional<Path> link(Path link) {
        try {
            String target = Files.readSymbolicLink(link).toString();
            return Optional.of(Path.of(target.endsWith(DELETED) ? target.substring(0, target.length()
                    - DELETED.length()) : target));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
