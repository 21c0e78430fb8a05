package dev.runbook.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link JournalChild} JVM on the test class path: its lines up to {@code ready}, and a SIGKILL. */
final class Child {

    private final Process process;
    private final BufferedReader out;
    private final Path err;
    final List<String> notices = new ArrayList<>();
    final String runId;

    Child(Path dir, String... args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, JournalChild.class.getName()));
        command.addAll(List.of(args));
        err = Files.createTempFile(dir, "child", ".err");
        process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("ready ")) {
            if (line.startsWith("notice ")) {
                notices.add(line.substring("notice ".length()));
            }
        }
        if (line == null) {
            throw new IllegalStateException("the child ended before it was ready:\n" + Files.readString(err));
        }
        runId = line.substring("ready ".length());
    }

    long pid() {
        return process.pid();
    }

    /** On Unix, destroyForcibly is SIGKILL: no shutdown hook, no finally, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + process.pid() + " survived SIGKILL");
        }
        if (process.exitValue() != 137) {
            throw new IllegalStateException("child " + process.pid() + " ended by itself (" + process.exitValue()
                    + ") rather than being killed");
        }
    }
}
