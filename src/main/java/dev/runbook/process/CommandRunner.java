package dev.runbook.process;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts commands for {@code exec}. The spawn path is ProcessBuilder and nothing more: no shell,
 * no setsid, no watchdog thread (the awaiting thread keeps the time), two pooled pump threads.
 *
 * <p>Why not Commons Exec: its watchdog ends only the direct child (Process.destroy), while a
 * grandchild keeps the output pipe open and survives; its pumps start two new threads per command;
 * and it hides the pid this layer needs to find the tree. What it would add over ProcessBuilder is
 * command-line parsing, which an argv list must not have.
 *
 * <p>Every command gets {@value #MARKER}={@code <token>} in its environment. Children inherit it,
 * including ones that double-fork and call setsid (escaping both the parent links and the process
 * group), so on a timeout or cancel the whole tree can be found in /proc. A process meant to
 * outlive a cancelled step can drop it (like Jenkins' BUILD_ID=dontKillMe).
 */
public final class CommandRunner {

    public static final String MARKER = "RUNBOOK_TREE";

    private static final File DEV_NULL = new File("/dev/null");
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String RUN_PREFIX = ProcessHandle.current().pid() + "-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + "-";

    /** Runs to the end (or the timeout) and returns how it ended. */
    public CommandResult run(CommandSpec spec) throws IOException {
        return start(spec).await();
    }

    /** As {@link #run(CommandSpec)}, with a watch told of the command. */
    public CommandResult run(CommandSpec spec, CommandWatch watch) throws IOException {
        return start(spec, watch).await();
    }

    /**
     * Starts the command; the caller awaits it, and any thread may cancel it. Throws when it cannot
     * start at all (no such program, no such working directory); the message says which.
     */
    public RunningCommand start(CommandSpec spec) throws IOException {
        return start(spec, CommandWatch.NONE);
    }

    /** As {@link #start(CommandSpec)}, telling watch the command's token and pid once it has started. */
    public RunningCommand start(CommandSpec spec, CommandWatch watch) throws IOException {
        String token = watch.tokenPrefix() + RUN_PREFIX + SEQUENCE.incrementAndGet();
        ProcessBuilder builder = new ProcessBuilder(command(spec)).redirectInput(DEV_NULL);
        if (spec.cwd() != null) {
            builder.directory(spec.cwd().toFile());
        }
        builder.environment().putAll(spec.env());
        builder.environment().put(MARKER, token);
        LogSink log = LogSink.open(spec.log(), LogMask.of(spec.secrets()));
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            log.close();
            throw new IOException(startFailure(spec, e), e);
        }
        RunningCommand running = new RunningCommand(spec, process, started, log, MARKER + "=" + token);
        try {
            watch.started(token, spec.command(), process.pid());
        } catch (RuntimeException journalFailed) {
            running.cancel(); // nothing may run that the journal does not know of
            running.await();
            throw journalFailed;
        }
        return running;
    }

    /**
     * The JDK looks a bare program name up in the JVM's own PATH, not in the one the command gets;
     * when the step sets PATH (a virtualenv's bin, say) the name is resolved in that PATH here.
     */
    private static List<String> command(CommandSpec spec) {
        List<String> command = spec.command();
        String program = command.get(0);
        if (!spec.env().containsKey("PATH") || program.contains("/")) {
            return command;
        }
        return Executables.find(program, spec.cwd(), spec.env()).map(found -> {
            List<String> resolved = new ArrayList<>(command);
            resolved.set(0, found);
            return (List<String>) resolved;
        }).orElse(command);
    }

    /** "cannot run pytest: No such file or directory" instead of Java's "error=2, ..." wording. */
    private static String startFailure(CommandSpec spec, IOException e) {
        String message = String.valueOf(e.getMessage());
        int reason = message.indexOf(", ");
        String why = reason >= 0 ? message.substring(reason + 2) : message;
        if (spec.cwd() != null && !spec.cwd().toFile().isDirectory()) {
            return "cannot run " + spec.command().get(0) + ": working directory " + spec.cwd() + " does not exist";
        }
        return "cannot run " + spec.command().get(0) + ": " + why;
    }
}
