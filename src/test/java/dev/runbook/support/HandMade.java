package dev.runbook.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Backups and checksum lists as a team makes them by hand: with cp, find, xargs, sha256sum and
 * shasum run for real (a test script is a user's shell line; the product never meets a shell).
 */
public final class HandMade {

    private HandMade() {
    }

    /** Runs a shell line in dir, as a person would type it; its standard output, or a failure naming it. */
    public static String sh(Path dir, String line) {
        try {
            Process process = new ProcessBuilder("bash", "-c", "set -eo pipefail; " + line).directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + line);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("'" + line + "' in " + dir + " exited " + process.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run bash: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
