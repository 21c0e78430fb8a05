package dev.runbook.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * process.start: a detached process with its own log file and pidfile, waited for until ready.
 *
 * <p>Detached means started through {@code setsid} (util-linux, Essential on Debian): a new
 * session and process group, no controlling terminal, stdin from /dev/null, stdout and stderr
 * appended to its log. A Ctrl-C at the runbook's terminal, or the terminal closing, does not
 * reach it, and it outlives the runbook's JVM (no signal is sent to children when a JVM exits).
 * It does not carry {@value CommandRunner#MARKER}, so a cancelled exec step never takes it along.
 *
 * <p>When it does not get ready in time it is stopped (TERM, grace, KILL) and its pidfile removed,
 * and the step fails with the end of its log: a half-started server holding the port would only
 * make the retry fail for a different reason. The same happens when the starting thread is
 * interrupted. When it exits before it is ready the step fails at once, without waiting.
 */
public final class ProcessStarter {

    static final int LOG_TAIL_BYTES = 8 * 1024;
    private static final long POLL_MILLIS = 50;
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(1);
    private static final File DEV_NULL = new File("/dev/null");

    public StartResult start(StartSpec spec) throws IOException {
        if (spec.pidfile() != null) {
            Pidfile.Target running = Pidfile.read(spec.pidfile());
            if (running.process().isPresent()) {
                return new StartResult(false, 0, Duration.ZERO, "already running: " + running.note()
                        + "; stop it first", "");
            }
        }
        Executables.require(spec.command().get(0), spec.cwd(), spec.env());
        ProcessBuilder builder = new ProcessBuilder(setsid(spec.command())).redirectInput(DEV_NULL)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(spec.log())));
        if (spec.cwd() != null) {
            builder.directory(spec.cwd().toFile());
        }
        Map<String, String> env = builder.environment();
        env.remove(CommandRunner.MARKER);
        env.putAll(spec.env());
        long started = System.nanoTime();
        Process process = builder.start();
        if (spec.pidfile() != null) {
            Pidfile.write(spec.pidfile(), process.pid());
        }
        return awaitReady(spec, process, started);
    }

    private StartResult awaitReady(StartSpec spec, Process process, long started) throws IOException {
        long deadline = started + spec.readyTimeout().toNanos();
        while (true) {
            if (!process.isAlive()) {
                removePidfile(spec);
                return failure(spec, process, started, "exited with code " + process.exitValue()
                        + " before it was ready (" + spec.readiness().describe() + ")");
            }
            long left = deadline - System.nanoTime();
            Duration limit = Duration.ofNanos(Math.max(1_000_000, Math.min(PROBE_LIMIT.toNanos(), left)));
            if (spec.readiness().probe(limit)) {
                return new StartResult(true, process.pid(), elapsed(started), "pid " + process.pid() + " ready ("
                        + spec.readiness().describe() + ") after " + seconds(elapsed(started)), "");
            }
            if (System.nanoTime() - deadline >= 0) {
                return stopAndFail(spec, process, started, "not ready (" + spec.readiness().describe() + ") after "
                        + seconds(spec.readyTimeout()));
            }
            try {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                StartResult result = stopAndFail(spec, process, started, "interrupted before it was ready");
                Thread.currentThread().interrupt();
                return result;
            }
        }
    }

    private StartResult stopAndFail(StartSpec spec, Process process, long started, String why) throws IOException {
        List<ProcessInfo> self = ProcessTable.read(process.pid(), false).stream().toList();
        Ending ending = Terminator.end(ProcessSet.targets(self), spec.grace());
        String outcome;
        if (ending.complete()) {
            removePidfile(spec);
            outcome = "; stopped it (pid " + process.pid() + (ending.killed().isEmpty() ? "" : ", needed KILL")
                    + ") so a retry finds the port free";
        } else {
            outcome = "; could not stop pid(s) " + ending.survivors();
        }
        return failure(spec, process, started, why + outcome);
    }

    private static StartResult failure(StartSpec spec, Process process, long started, String message)
            throws IOException {
        String tail = LogTail.read(spec.log(), LOG_TAIL_BYTES);
        return new StartResult(false, process.pid(), elapsed(started), message, tail);
    }

    private static void removePidfile(StartSpec spec) throws IOException {
        if (spec.pidfile() != null) {
            Files.deleteIfExists(spec.pidfile());
        }
    }

    /**
     * {@code setsid --} then the command. setsid forks only when its caller leads a process group,
     * which a JVM's child never does, so it execs in place and the pid is the command's.
     */
    private static List<String> setsid(List<String> command) throws IOException {
        String setsid = Executables.find("setsid", null, Map.of())
                .orElseThrow(() -> new IOException("cannot detach: setsid (util-linux) is not installed"));
        return Stream.concat(Stream.of(setsid, "--"), command.stream()).toList();
    }

    private static File logFile(Path log) throws IOException {
        Path parent = log.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return log.toFile();
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String seconds(Duration d) {
        return String.format("%.2fs", d.toMillis() / 1000.0);
    }
}
