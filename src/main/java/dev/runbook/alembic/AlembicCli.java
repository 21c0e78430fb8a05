package dev.runbook.alembic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The argv of the real {@code alembic} command and the reading of what it prints. Running it is the
 * caller's (the process layer, never a shell).
 */
public final class AlembicCli {

    /** "3c4d5e6f7a8b (head)" from `alembic current`; log lines (INFO  [alembic...]) are skipped. */
    private static final Pattern CURRENT = Pattern.compile("^([0-9A-Za-z_]+)(?: \\([^)]*\\))*\\s*$");
    /** "b2 -> c3 (head), add orders" or "<base> -> a1, create users" from `alembic history`. */
    private static final Pattern HISTORY = Pattern.compile("^\\S+ -> ([0-9A-Za-z_]+)\\b.*$");

    private AlembicCli() {
    }

    public static List<String> argv(List<String> command, AlembicProject project, String... args) {
        List<String> argv = new ArrayList<>(command);
        argv.add("-c");
        argv.add(project.config().toAbsolutePath().toString());
        argv.addAll(List.of(args));
        return argv;
    }

    /** The revision `alembic current` printed; empty at base (it prints no revision line then). */
    public static Optional<String> current(String stdout) {
        for (String line : stdout.split("\n")) {
            Matcher match = CURRENT.matcher(line.strip());
            if (match.matches()) {
                return Optional.of(match.group(1));
            }
        }
        return Optional.empty();
    }

    /** Revision ids `alembic history` printed, newest first. */
    public static List<String> history(String stdout) {
        List<String> revisions = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            Matcher match = HISTORY.matcher(line.strip());
            if (match.matches()) {
                revisions.add(match.group(1));
            }
        }
        return revisions;
    }
}
