package dev.runbook.fleet;

import dev.runbook.json.PlainJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One host's part of a fleet run: connect, prepare (Java, cached jar and runbook), run the runbook
 * there with {@code --json} and read its events, and later, if the fleet rolls back, undo that run.
 * A host whose connection ended before its run said how it finished is UNKNOWN, never "failed":
 * its own journal has the truth. Cancelling sends the remote run SIGINT (its own Ctrl-C).
 */
final class HostRun {

    private final FleetHost host;
    private final int wave;
    private final FleetRequest request;
    private final Payload jar;
    private final Payload runbook;
    private final Ssh ssh;
    private final FleetListener listener;
    private final AtomicLong pid = new AtomicLong(-1);
    private volatile RemoteHost remote;
    private volatile HostSetup.Prepared prepared;
    private volatile long jvmPid = -1;
    private volatile HostRecord record;
    private volatile Map<String, String> steps = Map.of();
    private volatile Timings timings = Timings.NONE;

    HostRun(FleetHost host, HostRecord recorded, FleetRequest request, Payload jar, Payload runbook, Ssh ssh,
            FleetListener listener) {
        this.host = host;
        this.wave = recorded.wave();
        this.request = request;
        this.jar = jar;
        this.runbook = runbook;
        this.ssh = ssh;
        this.listener = listener;
        this.record = recorded;
    }

    FleetHost host() {
        return host;
    }

    HostRecord record() {
        return record;
    }

    /** What this host's phases cost in this invocation (the --json host_finished event carries them). */
    Timings timings() {
        return timings;
    }

    Map<String, String> steps() {
        return steps;
    }

    HostRecord run() {
        Instant started = Instant.now();
        listener.hostStarted(host.name(), wave, request.dryRun() ? "previewing" : "running");
        RemoteResult result = new RemoteResult();
        try {
            long t0 = System.nanoTime();
            remote = ssh.connect(host);
            long connected = System.nanoTime();
            // A host that has this version cached runs it in the first exec; otherwise it is prepared first.
            prepared = HostSetup.assumedCached(host, jar, runbook);
            long ran = System.nanoTime();
            AtomicBoolean notCached = new AtomicBoolean();
            RemoteHost.Exit exit = remote.run(RemoteCommand.runIfCached(host, prepared, request), secretsStdin(),
                    line -> {
                        if (line.equals(RemoteCommand.NOT_CACHED) && result.runId().isEmpty()) {
                            notCached.set(true);
                        } else {
                            read(line, result);
                        }
                    }, request.ssh().runTimeout());
            if (notCached.get()) {
                prepared = HostSetup.prepare(remote, jar, runbook, request.ssh().connectTimeout().multipliedBy(20));
                ran = System.nanoTime();
                exit = remote.run(RemoteCommand.run(host, prepared, request), secretsStdin(),
                        line -> read(line, result), request.ssh().runTimeout());
            }
            keepArchive();
            timings = new Timings((connected - t0) / 1_000_000, prepared.probeMillis(), prepared.uploadMillis(),
                    prepared.uploaded(), (System.nanoTime() - ran) / 1_000_000);
            // In the order the host ran them: the reports' columns and testcases follow it.
            steps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(result.steps()));
            record = finished(started, result, exit.status().isPresent() ? exit.status() : result.exitCode(),
                    exit.stderr());
        } catch (Unreachable e) {
            record = with(started, HostStatus.UNREACHABLE, result, Optional.empty(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            // Before the run said its id nothing ran there; after it, only the host's journal knows.
            HostStatus status = result.runId().isPresent() ? HostStatus.UNKNOWN : HostStatus.UNREACHABLE;
            record = with(started, status, result, Optional.empty(), String.valueOf(e.getMessage()));
        }
        if (timings != Timings.NONE) {
            listener.hostTimed(host.name(), timings);
        }
        listener.hostFinished(record);
        return record;
    }

    private HostRecord finished(Instant started, RemoteResult result, Optional<Integer> exit, String stderr) {
        if (exit.isEmpty()) {
            return with(started, HostStatus.UNKNOWN, result, exit, "the connection ended before the run did");
        }
        int code = exit.get();
        HostStatus status;
        if (request.dryRun()) {
            status = code == 0 && result.errors().isEmpty() ? HostStatus.WOULD_CHANGE : HostStatus.WOULD_REFUSE;
        } else {
            status = switch (code) {
                case 0 -> HostStatus.SUCCEEDED;
                case 4 -> HostStatus.ROLLED_BACK;
                case 6 -> HostStatus.NEEDS_DECISION;
                case 130 -> pid.get() == -2 ? HostStatus.CANCELLED : HostStatus.FAILED;
                default -> HostStatus.FAILED;
            };
        }
        String error = result.errors().isEmpty() ? (code == 0 ? null : firstLine(stderr))
                : String.join("; ", result.errors());
        return with(started, status, result, exit, error);
    }

    private HostRecord with(Instant started, HostStatus status, RemoteResult result, Optional<Integer> exit,
                            String error) {
        return new HostRecord(host.name(), wave, status, result.runId(), exit, result.failedStep(),
                Optional.of(started), Optional.of(Instant.now()), Optional.empty(), Optional.ofNullable(error),
                result.effects().size());
    }

    private static String firstLine(String text) {
        return text.lines().filter(l -> !l.isBlank()).findFirst().orElse(null);
    }

    /** The run dumped the JVM archive (the first run of this version here): check it and keep it. */
    private void keepArchive() {
        if (!prepared.archiveCached() && jvmPid > 0 && remote.isOpen()) {
            try {
                remote.capture(RemoteCommand.keepArchive(host, prepared, jvmPid), request.ssh().connectTimeout()
                        .multipliedBy(20));
            } catch (IOException e) {
                // no archive this time: the next run dumps one again (left-over parts are removed after a day)
            }
        }
    }

    private void read(String line, RemoteResult result) {
        if (line.startsWith(RemoteCommand.PID_PREFIX)) {
            long seen = Long.parseLong(line.substring(RemoteCommand.PID_PREFIX.length()).trim());
            if (jvmPid < 0) {
                jvmPid = seen;
            }
            pid.compareAndSet(-1, seen);
            return;
        }
        try {
            if (PlainJson.read(line) instanceof Map<?, ?> event) {
                result.read(event);
                listener.hostEvent(host.name(), event);
            }
        } catch (IOException e) {
            // not an event (a JVM warning on stdout): the run's own journal keeps what matters
        }
    }

    /** Ends the run in flight (the budget is spent and --cancel-in-flight was given): SIGINT, as Ctrl-C. */
    void cancel() {
        long target = pid.getAndSet(-2);
        RemoteHost session = remote;
        if (target > 0 && session != null && session.isOpen()) {
            try {
                session.capture(RemoteCommand.interrupt(target), Duration.ofSeconds(10));
            } catch (IOException e) {
                // it may have ended on its own meanwhile
            }
        }
    }

    /** Undoes this host's finished run (fleet rollback): a new journaled run on the host. */
    HostRecord undo() {
        Optional<String> run = record.remoteRun();
        listener.hostStarted(host.name(), wave, "undoing " + run.orElse("?"));
        RemoteResult result = new RemoteResult();
        String error = null;
        HostStatus status = HostStatus.UNDO_FAILED;
        try {
            connected();
            RemoteHost.Exit exit = remote.run(RemoteCommand.undo(host, prepared, run.orElseThrow(),
                    !request.secretsFor(host).isEmpty()), secretsStdin(), line -> read(line, result),
                    request.ssh().runTimeout());
            status = exit.status().orElse(-1) == 0 ? HostStatus.UNDONE : HostStatus.UNDO_FAILED;
            error = status == HostStatus.UNDONE ? null : result.errors().isEmpty() ? firstLine(exit.stderr())
                    : String.join("; ", result.errors());
        } catch (Unreachable | IOException | RuntimeException e) {
            error = "undo: " + e.getMessage();
        }
        record = new HostRecord(host.name(), wave, status, record.remoteRun(), record.exitCode(), record.failedStep(),
                record.startedAt(), Optional.of(Instant.now()), result.runId(), Optional.ofNullable(error),
                record.changes());
        listener.hostFinished(record);
        return record;
    }

    /** A session and a prepared host, opened again if this invocation has none yet (resume, rollback). */
    private void connected() throws Unreachable, IOException {
        if (remote == null || !remote.isOpen()) {
            remote = ssh.connect(host);
        }
        if (prepared == null) {
            prepared = HostSetup.prepare(remote, jar, runbook, request.ssh().connectTimeout().multipliedBy(20));
        }
    }

    /**
     * A host recorded as running or unknown when the controller stopped: its own journal says what
     * became of the run. Finished there: taken as it is. Cut off (interrupted, or "running" with its
     * process gone): resumed there. Still running: waited for. Never started (no run of this runbook
     * since the host was started): started now. Nothing runs twice.
     */
    /** What the host's last resume said on stderr: why it stopped, when it needs a decision. */
    private String resumeStderr = "";

    HostRecord settle(List<String> decisions) {
        Instant started = record.startedAt().orElse(Instant.now());
        listener.hostStarted(host.name(), wave, "reading its journal");
        try {
            connected();
            Optional<Map<?, ?>> found = RemoteHistory.find(remote.capture(RemoteCommand.history(host, prepared),
                    request.ssh().connectTimeout().multipliedBy(4)), record.remoteRun(), request.runbookName(), started);
            if (found.isEmpty()) {
                record = new HostRecord(host.name(), wave, HostStatus.PENDING, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
                return run();
            }
            String id = String.valueOf(found.get().get("id"));
            String status = String.valueOf(found.get().get("status"));
            RemoteResult result = new RemoteResult();
            result.read(Map.of("event", "run_started", "run", id));
            Optional<Integer> code = switch (status) {
                case "succeeded" -> Optional.of(0);
                case "rolled_back" -> Optional.of(4);
                case "failed" -> Optional.of(1);
                default -> resumeThere(id, result, decisions);
            };
            record = code.isEmpty() ? with(started, HostStatus.UNKNOWN, result, code, "its run " + id + " did not end")
                    : finished(started, result, code, resumeStderr);
        } catch (Unreachable e) {
            record = with(started, HostStatus.UNKNOWN, new RemoteResult(), Optional.empty(), e.getMessage());
        } catch (IOException | RuntimeException | InterruptedException e) {
            record = with(started, HostStatus.UNKNOWN, new RemoteResult(), Optional.empty(), e.getMessage());
        }
        listener.hostFinished(record);
        return record;
    }

    /** {@code runbook resume RUN} on the host; while the run's own process still holds its lock (5), wait. */
    private Optional<Integer> resumeThere(String id, RemoteResult result, List<String> decisions)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + request.ssh().runTimeout().toNanos();
        while (true) {
            RemoteHost.Exit exit = remote.run(RemoteCommand.resume(host, prepared, id, !request.secretsFor(host).isEmpty(),
                    decisions),
                    secretsStdin(), line -> read(line, result), request.ssh().runTimeout());
            resumeStderr = exit.stderr();
            if (exit.status().orElse(-1) != 5 || System.nanoTime() > deadline) {
                return exit.status().isPresent() && result.exitCode().isPresent() ? result.exitCode() : exit.status();
            }
            Thread.sleep(1000);
        }
    }

    private InputStream secretsStdin() {
        Map<String, String> secrets = request.secretsFor(host);
        return secrets.isEmpty() ? InputStream.nullInputStream()
                : new ByteArrayInputStream(PlainJson.write(secrets).getBytes(StandardCharsets.UTF_8));
    }

    void close() {
        try {
            if (remote != null) {
                remote.close();
            }
        } catch (IOException e) {
            // closing a session that is already gone
        }
    }
}
