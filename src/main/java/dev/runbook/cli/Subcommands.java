package dev.runbook.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * The subcommands, registered when a command line is built. Building picocli's model of a command
 * reads its annotations and those of its options by reflection; for all of them that was about half
 * of a short command's start (a fleet host starts one JVM per run, bin/runbook one per command).
 * So a command line that names its subcommand gets only that one; anything else (help, a typo that
 * wants "did you mean", no command) gets them all, in the order the help lists them.
 */
final class Subcommands {

    private static final List<Class<?>> ALL = List.of(ValidateCommand.class, PlanCommand.class, RunCommand.class,
            ApplyCommand.class, ApproveCommand.class, ResumeCommand.class, UndoCommand.class, HistoryCommand.class,
            ShowCommand.class, ReportCommand.class, SchemaCommand.class, CommandLine.HelpCommand.class);

    private Subcommands() {
    }

    static void addTo(CommandLine cli, String[] args) {
        String named = named(args);
        List<Class<?>> wanted = ALL.stream().filter(command -> !command.equals(CommandLine.HelpCommand.class)
                && nameOf(command).equals(named)).toList();
        (wanted.isEmpty() ? ALL : wanted).forEach(cli::addSubcommand);
    }

    /** The first argument that is not an option: the subcommand's name when one is given (top-level options take no value). */
    private static String named(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(CommandLine.Command.class).name();
    }
}
