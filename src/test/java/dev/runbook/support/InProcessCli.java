package dev.runbook.support;

import dev.runbook.cli.Main;
import dev.runbook.journal.Journal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code runbook} command line run in this JVM ({@link Main#execute}), on a state folder of the
 * test's own: what it printed on stdout and stderr is kept for the last command, and the journal
 * answers which run came last. Real commands, a real journal; only the process boundary is saved.
 */
public final class InProcessCli {

    private final Supplier<Path> dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /**
     * {@code dir}: the test's folder, asked for when a command runs (a JUnit {@code @TempDir} field
     * is set after the test's own fields); the state folder is {@code dir/state}.
     */
    public InProcessCli(Supplier<Path> dir) {
        this.dir = dir;
    }

    /** Runs {@code runbook ARGS --state DIR/state}; its exit code. stdout and stderr start empty. */
    public int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--state", state().toString()));
        return Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** What the last command printed on stdout. */
    public String out() {
        return out.toString();
    }

    /** What the last command printed on stderr. */
    public String err() {
        return err.toString();
    }

    public Path state() {
        return dir.get().resolve("state");
    }

    /** The id of the run the journal recorded last. */
    public String latestRun() {
        try (Journal journal = Journal.open(state().resolve("journal.db"))) {
            return journal.history(1).get(0).id();
        }
    }
}
