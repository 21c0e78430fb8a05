package dev.runbook.cli;

import dev.runbook.app.Refusal;
import dev.runbook.app.RunbookFiles;
import dev.runbook.app.GivenParams;
import dev.runbook.action.ActionRegistry;
import dev.runbook.plan.JsonPlanWriter;
import dev.runbook.plan.MermaidPlanWriter;
import dev.runbook.plan.Plan;
import dev.runbook.plan.PlanError;
import dev.runbook.plan.Planner;
import dev.runbook.plan.TextPlanWriter;
import dev.runbook.validate.CheckedRunbook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbook plan FILE}: the selected steps in order, each with what it will do. */
@Command(name = "plan", description = "Show what a run would do: the selected steps in graph order, resolved.",
        mixinStandardHelpOptions = true)
final class PlanCommand implements Callable<Integer> {

    enum Format { text, json, mermaid }

    @Parameters(index = "0", paramLabel = "FILE", description = "The runbook.")
    String file;

    @picocli.CommandLine.Mixin
    SelectionOptions selection;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or mermaid.")
    Format format = Format.text;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the plan to this file instead of stdout.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws CliError, Refusal {
        CheckedRunbook checked = CheckedRunbook.of(RunbookFiles.read(file), ActionRegistry.builtIn());
        if (!checked.ok()) {
            ProblemPrinter.print(spec.commandLine().getErr(), file, checked.problems());
            return ExitCodes.INVALID;
        }
        Plan plan;
        try {
            GivenParams given = selection.given(checked.runbook().orElseThrow(), System.getenv());
            plan = new Planner(checked.runbook().orElseThrow(), checked.graph().orElseThrow(), ActionRegistry.builtIn())
                    .plan(selection.request(given), System.getenv());
        } catch (PlanError e) {
            throw CliError.invalid(e);
        }
        String text = switch (format) {
            case json -> JsonPlanWriter.write(plan);
            case mermaid -> MermaidPlanWriter.write(plan);
            case text -> TextPlanWriter.write(plan);
        };
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            try {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliError(ExitCodes.NO_INPUT, "cannot write '" + out + "': " + e.getMessage(), null);
            }
        }
        return ExitCodes.OK;
    }
}
