package dev.runbook.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A started command. One thread awaits it; any thread may {@link #cancel} it (a signal handler, a
 * sibling step failing). On a timeout or a cancel the whole tree is ended: TERM, the spec's grace,
 * KILL, confirmed through /proc, before {@link #await} returns.
 *
 * <p>Output: a command that ends within {@link #QUICK} (most steps of a runbook: checks, mkdir, cp)
 * has its output read from the pipes by the awaiting thread after it ended ({@link ExitedOutput}),
 * standard output first, then standard error; only a command still running then gets the two pump
 * threads, which copy its output to the log as it comes, interleaved by arrival. Nothing is lost by
 * the wait: a pipe holds 64 KiB, and a command that fills it only waits for the pumps to start.
 * Starting the pumps at once cost 0.2-0.35 ms of CPU per command (two thread hand-offs at the start
 * and two at the end) for commands that mostly print nothing.
 */
public final class RunningCommand {

    /** How long output may keep arriving after the command exited (a background child holding the pipe). */
    static final Duration DRAIN = Duration.ofMillis(250);
    /** How long a command may run before its output is pumped as it comes. */
    static final Duration QUICK = Duration.ofMillis(10);
    /** After KILL a process is gone within milliseconds unless it sleeps in the kernel (a dead NFS mount). */
    private static final Duration REAP = Duration.ofSeconds(5);
    private static final long SLICE_NANOS = Duration.ofSeconds(1).toNanos();

    private final CommandSpec spec;
    private final Process process;
    private final long started;
    private final LogSink log;
    private final String marker;
    private StreamPump out;
    private StreamPump err;
    private final Object treeLock = new Object();
    private volatile boolean cancelled;
    private Ending ending;
    private volatile CommandResult result;

    RunningCommand(CommandSpec spec, Process process, long started, LogSink log, String marker) {
        this.spec = spec;
        this.process = process;
        this.started = started;
        this.log = log;
        this.marker = marker;
    }

    /** Whether the output was pumped while the command ran (it outlived {@link #QUICK}), for tests. */
    synchronized boolean pumped() {
        return out != null;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Ends the command's whole tree and makes {@link #await} report it as interrupted. Returns once
     * the tree is gone (at most the grace period and about two seconds more). Safe from any thread,
     * any number of times; does nothing once the command has been awaited.
     */
    public void cancel() {
        cancelled = true;
        endTree();
    }

    /** How the tree was ended, or {@link Ending#NOTHING} when the command ended by itself. */
    public Ending ending() {
        synchronized (treeLock) {
            return ending == null ? Ending.NOTHING : ending;
        }
    }

    /**
     * Waits for the command, its timeout or a cancel. An interrupt of the waiting thread counts as
     * a cancel (the interrupt status is kept).
     */
    public synchronized CommandResult await() {
        if (result != null) {
            return result;
        }
        boolean timedOut = false;
        boolean threadInterrupted = false;
        long deadline = spec.timeout() == null ? 0 : started + spec.timeout().toNanos();
        try {
            long quick = spec.timeout() == null ? QUICK.toNanos()
                    : Math.max(0, Math.min(QUICK.toNanos(), deadline - System.nanoTime()));
            if (!cancelled && process.waitFor(quick, TimeUnit.NANOSECONDS) && !cancelled) {
                return ended();
            }
        } catch (InterruptedException e) {
            cancelled = true;
            threadInterrupted = true;
        }
        out = StreamPump.start(process.getInputStream(), log);
        err = StreamPump.start(process.getErrorStream(), log);
        try {
            // In slices, so a cancel that could not end the command itself (it sleeps in the kernel) still returns.
            while (!cancelled && !threadInterrupted) {
                long slice = spec.timeout() == null ? SLICE_NANOS : Math.min(SLICE_NANOS, deadline - System.nanoTime());
                if (process.waitFor(slice, TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (spec.timeout() != null && System.nanoTime() - deadline >= 0) {
                    timedOut = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            // Cleared while the tree is ended and the output drained; set again before returning.
            cancelled = true;
            threadInterrupted = true;
        }
        if (timedOut || cancelled) {
            endTree();
        }
        int exit = exitCode();
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        long drainUntil = System.nanoTime() + DRAIN.toNanos();
        out.awaitEnd(drainUntil);
        err.awaitEnd(drainUntil);
        log.close();
        boolean interrupted = cancelled;
        boolean ok = !timedOut && !interrupted && spec.expectExit().contains(exit);
        result = new CommandResult(exit, out.tail().text(), err.tail().text(), duration, timedOut && !interrupted,
                interrupted, ok);
        if (threadInterrupted) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    /** The command exited within {@link #QUICK}: its output is all in the pipes; read it here. */
    private CommandResult ended() {
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        TailBuffer stdout = ExitedOutput.read(process.getInputStream(), log);
        TailBuffer stderr = ExitedOutput.read(process.getErrorStream(), log);
        log.close();
        int exit = process.exitValue();
        boolean interrupted = cancelled; // a cancel that raced the exit still counts, as below
        result = new CommandResult(exit, stdout.text(), stderr.text(), duration, false, interrupted,
                !interrupted && spec.expectExit().contains(exit));
        return result;
    }

    private void endTree() {
        synchronized (treeLock) {
            if (ending != null || result != null) {
                return;
            }
            // Only while the JDK has not reaped it: a reaped pid may already be someone else's.
            List<ProcessInfo> root = process.isAlive() ? ProcessTable.read(process.pid(), false).stream().toList()
                    : List.of();
            ending = Terminator.end(ProcessSet.tree(root, marker), spec.grace());
        }
    }

    private int exitCode() {
        boolean interrupted = Thread.interrupted();
        try {
            long until = System.nanoTime() + REAP.toNanos();
            while (true) {
                try {
                    return process.waitFor(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)
                            ? process.exitValue() : -1;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
