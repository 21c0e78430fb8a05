package dev.runbook.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code run} line made only of the plain options a fleet controller puts on a host's command
 * line, and those of the controller's own line, read without building picocli's model. Building it (annotations read by reflection, their
 * proxy classes spun, picocli's code run cold) was about 190 ms of the ~440 ms of CPU a host's run
 * of 20 steps takes (bench/run-fleet), and every host starts one JVM per run.
 *
 * <p>Taken: {@code run FILE} with the flags and the text or path options of {@link #flag} and
 * {@link #value} (a fleet controller's own line among them), {@code --only ID[,ID]} and
 * {@code -p}/{@code --param NAME=VALUE}, each value its own word. Anything else (another option, {@code --state=DIR}, an {@code @file}, {@code --}, a flag or single option
 * given twice, a value that starts with {@code -} or holds a quote, help) is left to picocli, so its
 * errors and help stay picocli's. RunShortcutTest checks that every line taken here reads as
 * picocli reads it.
 */
final class RunShortcut {

    private RunShortcut() {
    }

    static Optional<RunCommand> read(String[] args) {
        if (args.length < 2 || !args[0].equals("run")) {
            return Optional.empty();
        }
        RunCommand run = blank();
        Set<String> seen = new HashSet<>();
        List<String> only = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String word = args[i];
            if (word.startsWith("@")) {
                return Optional.empty();
            }
            if (!word.startsWith("-")) {
                if (run.file != null) {
                    return Optional.empty();
                }
                run.file = word;
            } else if (flag(run, word)) {
                if (!seen.add(word)) {
                    return Optional.empty();
                }
            } else if (i + 1 < args.length && plainValue(args[i + 1])) {
                String value = args[++i];
                boolean read = word.equals("--only") ? onlyIds(value) && only.addAll(List.of(value.split(",")))
                        : word.equals("-p") || word.equals("--param") ? param(run, value)
                        : seen.add(word) && value(run, word, value);
                if (!read) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        if (run.file == null) {
            return Optional.empty();
        }
        if (!only.isEmpty()) {
            run.selection.only = only;
        }
        return Optional.of(run);
    }

    /** A run command as picocli leaves one before reading the line: every option at its default. */
    private static RunCommand blank() {
        RunCommand run = new RunCommand();
        run.selection = new SelectionOptions();
        run.selection.secrets = new SecretOptions();
        run.execution = new ExecutionOptions();
        run.savePlan = new SavePlanOptions();
        run.state = new StateOption();
        run.fleet = new FleetOptions();
        return run;
    }

    /** Sets a flag this reads; false for any other word. */
    private static boolean flag(RunCommand run, String word) {
        switch (word) {
            case "--json" -> run.execution.json = true;
            case "--yes" -> run.execution.yes = true;
            case "--dry-run" -> run.dryRun = true;
            case "--secrets-stdin" -> run.selection.secrets.stdin = true;
            case "--cancel-in-flight" -> run.fleet.cancelInFlight = true;
            case "--no-fleet-rollback" -> run.fleet.noRollback = true;
            case "--accept-new-host-keys" -> run.fleet.acceptNewHostKeys = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Sets an option of one text or path value this reads; false for any other option. */
    private static boolean value(RunCommand run, String word, String value) {
        switch (word) {
            case "--state" -> run.state.state = Path.of(value);
            case "--scenario" -> run.selection.scenario = value;
            case "--from" -> run.selection.from = value;
            case "--inventory" -> run.fleet.inventory = Path.of(value);
            case "--limit" -> run.fleet.limit = value;
            case "--serial" -> run.fleet.serial = value;
            case "--max-fail" -> run.fleet.maxFail = value;
            case "--ssh-dir" -> run.fleet.sshDir = Path.of(value);
            case "--identity" -> run.fleet.identity = Path.of(value);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean param(RunCommand run, String value) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            return false;
        }
        run.selection.params.put(value.substring(0, equals), value.substring(equals + 1));
        return true;
    }

    /** A value picocli reads as the plain string it is: not option-like, no quotes it would treat. */
    private static boolean plainValue(String value) {
        return !value.startsWith("-") && !value.startsWith("@") && value.indexOf('"') < 0 && value.indexOf('\'') < 0;
    }

    private static boolean onlyIds(String value) {
        return !value.isEmpty() && !value.startsWith(",") && !value.endsWith(",") && !value.contains(",,");
    }
}
