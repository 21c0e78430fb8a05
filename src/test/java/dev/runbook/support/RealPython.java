package dev.runbook.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The interpreter binary behind {@code python3} on the PATH. Tests that match processes by command
 * line start this one: a launcher script (pyenv's shims are bash) forks subshells with the same
 * command line and working directory while it starts, which a process search then finds too.
 */
public final class RealPython {

    private static Path interpreter;

    private RealPython() {
    }

    public static synchronized String path() {
        if (interpreter == null) {
            try {
                Process probe = new ProcessBuilder("python3", "-c",
                        "import os, sys; print(os.path.realpath(sys.executable))").start();
                interpreter = Path.of(probe.inputReader().readLine().trim());
                probe.waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return interpreter.toString();
    }
}
