package dev.runbook.action;

import dev.runbook.process.CommandSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What exec and process.start share: the command (an argv list, or a shell line for sh -c), its
 * extra environment, and the way it reads in effects and reports. Each action declares its own
 * parameters (their examples differ); this only turns the values read into a command.
 */
final class CommandLine {

    private CommandLine() {
    }

    /** The argv given, or sh -c with the shell line (validation makes sure exactly one is given). */
    static List<String> of(StepContext context, Param<List<String>> cmd, Param<String> shell) throws ActionException {
        Optional<List<String>> argv = context.find(cmd);
        return argv.isPresent() ? argv.get() : List.of(CommandSpec.SH, "-c", context.get(shell));
    }

    static Map<String, String> env(StepContext context, Param<Map<String, Object>> env) throws ActionException {
        Map<String, String> values = new LinkedHashMap<>();
        context.find(env).orElse(Map.of()).forEach((name, value) -> values.put(name, String.valueOf(value)));
        return values;
    }

    /** The command as run, with cwd as written and the names (never the values) of the variables set. */
    static String describe(List<String> command, StepContext context, Param<Path> cwd, Param<Map<String, Object>> env)
            throws ActionException {
        Map<String, Object> set = context.find(env).orElse(Map.of());
        return String.join(" ", command) + (context.gives(cwd) ? " in " + context.asWritten(cwd) : "")
                + (set.isEmpty() ? "" : " with " + String.join(", ", set.keySet()) + " set");
    }
}
