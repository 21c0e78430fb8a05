package dev.runbook.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether standard error is a terminal. The JDK only answers for stdin and stdout together
 * ({@code System.console()}), but `runbook run --json > events` keeps a terminal on stderr, and
 * `2> run.log` takes it away while stdout stays one; on Linux /proc says where fd 2 goes.
 */
public final class Terminal {

    private Terminal() {
    }

    public static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    /** The terminal's width from COLUMNS, else 80. */
    public static int width(Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault("COLUMNS", "80").trim());
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
