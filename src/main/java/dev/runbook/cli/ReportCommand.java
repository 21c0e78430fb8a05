package dev.runbook.cli;

import dev.runbook.journal.Journal;
import dev.runbook.report.ReportException;
import dev.runbook.report.ReportFiles;
import dev.runbook.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbook report RUN_ID}: any past run rendered again from the journal. */
@Command(name = "report", description = "Render a run from the journal: a Markdown or HTML summary, any report "
        + "template, or JUnit XML for CI.", mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run (see 'runbook history').")
    String runId;

    @Option(names = "--format", paramLabel = "FORMAT", description = "markdown (default), html or junit.")
    String format = "markdown";

    @Option(names = "--template", paramLabel = "T", description = "A template name (e.g. failure-report.md.peb) "
            + "instead of the format's summary.")
    String template;

    @Option(names = "--templates", paramLabel = "DIR", description = "Look for templates here first (repeatable); "
            + "then ./templates, then the bundled ones.")
    List<Path> templateDirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write here (an existing file is kept as "
            + "FILE.~N~) instead of to standard output.")
    Path out;

    @Mixin
    StateOption state;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws CliError {
        if (!format.equals("junit") && !Reports.FORMATS.containsKey(format)) {
            throw new CliError(ExitCodes.USAGE, "--format must be markdown, html or junit, got '" + format + "'", null);
        }
        if (format.equals("junit") && template != null) {
            throw new CliError(ExitCodes.USAGE, "--format junit is written without a template; drop --template",
                    null);
        }
        String text;
        if (FleetViews.isFleet(runId) && template == null) {
            text = FleetViews.report(state, runId, format);
        } else try (Journal journal = state.openExisting()) {
            if (journal.run(runId).isEmpty()) {
                throw new CliError(ExitCodes.NO_INPUT, "no run " + runId + " in " + state.journalFile(),
                        "'runbook history' lists the runs");
            }
            text = format.equals("junit") ? Reports.junit(journal, runId) : Reports.render(journal, runId,
                    Optional.ofNullable(template).orElse(Reports.FORMATS.get(format)), Reports.roots(roots()),
                    List.of());
        } catch (ReportException e) {
            throw new CliError(ExitCodes.INVALID, e.getMessage(), "docs/TEMPLATES.md lists what a template can use");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(text);
            stdout.flush();
            return ExitCodes.OK;
        }
        try {
            Optional<Path> kept = ReportFiles.write(out, text);
            kept.ifPresent(k -> spec.commandLine().getErr().println("kept the previous " + out + " as " + k));
        } catch (IOException e) {
            throw new CliError(ExitCodes.USAGE, "cannot write " + out + ": " + e.getMessage(), null);
        }
        return ExitCodes.OK;
    }

    private List<Path> roots() {
        List<Path> roots = new ArrayList<>(templateDirs);
        roots.add(Path.of("templates"));
        return roots;
    }
}
