package dev.runbook.cli;

import dev.runbook.files.RestoreHooks;
import dev.runbook.template.Masker;
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
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            Masker masker = Masker.ofEverySecretSeen();
            if (e instanceof dev.runbook.app.Refusal refusal) {
                if (!refusal.problems().isEmpty()) {
                    ProblemPrinter.print(err, refusal.file(), refusal.problems());
                }
            }
            // A refusal of the application is shown as the CLI's own errors are, with its kind's exit code.
            if ((e instanceof dev.runbook.app.Refusal r ? CliError.of(r) : e) instanceof CliError error) {
                for (dev.runbook.plan.PlanError.Reason reason : error.reasons()) {
                    err.println("runbook: " + masker.mask(reason.message()));
                    if (reason.hint() != null) {
                        err.println("  hint: " + masker.mask(reason.hint()));
                    }
                }
                if (error.reasons().size() > 1) {
                    err.println("runbook: " + error.getMessage());
                }
                return error.exitCode();
            }
            boolean debug = parsed.hasMatchedOption("--debug")
                    || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            if (e instanceof dev.runbook.journal.JournalException journal && !debug) {
                // The journal file is the operator's to fix (damaged, foreign, disk full), not a bug to report.
                err.println("runbook: " + masker.mask(journal.getMessage()));
                err.println("  hint: the journal is in the state folder (--state, RUNBOOK_STATE; docs/JOURNAL.md):"
                        + " check that file and its disk, or move it aside and run again");
                return ExitCodes.NO_INPUT;
            }
            err.println("runbook: internal error: " + masker.mask(String.valueOf(e)));
            if (debug) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                err.print(masker.mask(trace.toString()));
            } else {
                err.println("  hint: run again with --debug for the stack trace, and report it");
            }
            return ExitCodes.INTERNAL;
        });
        return cli.execute(args);
    }
}
