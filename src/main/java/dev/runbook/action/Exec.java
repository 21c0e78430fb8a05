package dev.runbook.action;

import dev.runbook.process.CommandResult;
import dev.runbook.process.CommandRunner;
import dev.runbook.process.CommandSpec;
import dev.runbook.process.RunningCommand;
import dev.runbook.spec.ValueType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * exec: a command over the process layer. An argv list never meets a shell; a shell line runs under
 * sh -c with template values already shell-quoted. A timeout or interrupt ends the whole process
 * tree (the Cancellation hook). The preview is opaque: an arbitrary command cannot be foreseen.
 */
final class Exec implements BuiltIn {

    static final Param<List<String>> CMD = Param.argv("cmd", "The command and its arguments, run directly.",
            "[pytest, tests/unit, -q]");
    static final Param<String> SHELL = Param.shell("shell", "A shell command line for sh -c; values inserted by "
            + "templates are shell-quoted.", "\"pip freeze > {{ vars.snapshot }}\"");
    static final Param<Path> CWD = Param.path("cwd", "Working directory.", "\"{{ params.app_dir }}\"");
    static final Param<Map<String, Object>> ENV = Param.map("env", ValueType.STRING, "Extra environment variables.",
            "{ TMWS_ENVIRONMENT: development }");
    static final Param<List<Long>> EXPECT_EXIT = Param.integers("expect_exit", "Exit codes that count as success.",
            "[0, 1]").byDefault("[0]");

    static final Output<String> COMMAND = Output.string("command", "The command as run (argv joined by spaces; cwd "
            + "and env names when given), for reports.");
    static final Output<Long> EXIT_CODE = Output.integer("exit_code", "The command's exit code.");
    static final Output<String> STDOUT = Output.string("stdout", "The end of standard output (last 64 KiB).");
    static final Output<String> STDERR = Output.string("stderr", "The end of standard error (last 64 KiB).");

    private static final ActionSpec SPEC = ActionSpec.define("exec", "Run a command: an argv list never touched by "
                    + "a shell, or a shell string run by sh -c with every template value shell-quoted.")
            .preview(PreviewKind.OPAQUE)
            .params(CMD, SHELL, CWD, ENV, EXPECT_EXIT)
            .exactlyOneOf(CMD, SHELL)
            .outputs(COMMAND, EXIT_CODE, STDOUT, STDERR)
            .plan("run {cmd}{shell}[ in {cwd}]")
            .reads(PreviewReads.NOTHING)
            .build();

    private static final CommandRunner RUNNER = new CommandRunner();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        return Preview.opaque(List.of("would run " + describe(context, CommandLine.of(context, CMD, SHELL))));
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Set<Integer> expected = new LinkedHashSet<>();
        context.get(EXPECT_EXIT).forEach(code -> expected.add(code.intValue()));
        CommandSpec spec = new CommandSpec(CommandLine.of(context, CMD, SHELL), context.findPath(CWD).orElse(null),
                CommandLine.env(context, ENV), null, null, expected, context.logFile(), context.run().secrets());
        RunningCommand running;
        try {
            running = RUNNER.start(spec, context.run().commandsOf(context.stepId()));
        } catch (IOException e) {
            // Nothing started, so nothing changed: a missing program, a cwd that is no folder.
            throw ActionException.refused("cannot start " + spec.command().get(0) + ": " + e.getMessage(), e);
        }
        context.cancellation().onCancel(running::cancel);
        CommandResult result = running.await();
        // The command as run, so a failure report read from the journal can say what failed.
        Map<String, Object> outputs = new Outputs().put(COMMAND, describe(context, spec.command()))
                .put(EXIT_CODE, (long) result.exitCode()).put(STDOUT, result.stdout())
                .put(STDERR, result.stderr()).map();
        return result.ok() ? Outcome.ok(outputs) : Outcome.failed(result.describe(spec)
                + lastLine(result.stderr()), outputs);
    }

    private static String describe(StepContext context, List<String> command) throws ActionException {
        return CommandLine.describe(command, context, CWD, ENV);
    }

    private static String lastLine(String stderr) {
        String trimmed = stderr.strip();
        return trimmed.isEmpty() ? "" : ": " + trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }
}
