package dev.runbook.cli;

import dev.runbook.files.RestoreHooks;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code runbook} command: subcommands (cli.Subcommands), shared --debug, and one place that turns failures into exit codes. */
@Command(name = "runbook", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Plan, validate and run declarative runbooks: previews of effects, verification, rollback.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            ExitCodes.HELP_0, ExitCodes.HELP_1, ExitCodes.HELP_2, ExitCodes.HELP_3, ExitCodes.HELP_4,
            ExitCodes.HELP_5, ExitCodes.HELP_6, ExitCodes.HELP_7, ExitCodes.HELP_8, ExitCodes.HELP_9,
            ExitCodes.HELP_10, ExitCodes.HELP_11, ExitCodes.HELP_12, ExitCodes.HELP_13, ExitCodes.HELP_64, ExitCodes.HELP_66, ExitCodes.HELP_70, ExitCodes.HELP_130})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of internal errors.")
    boolean debug;

    private final RestoreHooks restoreHooks;

    public Main() {
        this(RestoreHooks.standard());
    }

    private Main(RestoreHooks restoreHooks) {
        this.restoreHooks = restoreHooks;
    }

    /** What this command line's restores are given; the commands that run steps pass it on. */
    RestoreHooks restoreHooks() {
        return restoreHooks;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with the given writers; what tests call. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, RestoreHooks.standard());
    }

    /**
     * As above, with restores given these hooks: how a crash test stops a real run's restore at a
     * checkpoint, or takes away the Linux calls, without any process-wide switch.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, RestoreHooks restoreHooks) {
        java.util.Optional<RunCommand> plainRun = RunShortcut.read(args);
        if (plainRun.isPresent()) {
            try {
                return plainRun.get().runHere(out, err, restoreHooks);
            } catch (Exception e) {
                return CommandFailure.report(e, false, err);
            }
        }
        // picocli's warnings echo option values (any -p value holding a quote), secrets included.
        CommandLine.tracer().setLevel(CommandLine.TraceLevel.OFF);
        CommandLine cli = new CommandLine(new Main(restoreHooks));
        Subcommands.addTo(cli, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("runbook: " + e.getMessage());
            CommandLine command = e.getCommandLine();
            err.println("  hint: see '" + command.getCommandSpec().qualifiedName() + " --help'");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> CommandFailure.report(e,
                parsed.hasMatchedOption("--debug") || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug")),
                err));
        return cli.execute(args);
    }
}
