package dev.runbook.cli;

import dev.runbook.action.ActionRegistry;
import dev.runbook.schema.ActionDocs;
import dev.runbook.schema.SchemaGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runbook schema}: the format's JSON Schema for editors, or the action reference as Markdown. */
@Command(name = "schema", description = "Print the JSON Schema of the runbook format (or the action reference).",
        mixinStandardHelpOptions = true)
final class SchemaCommand implements Callable<Integer> {

    enum Format { json, markdown }

    @Option(names = "--format", paramLabel = "FORMAT", description = "json (JSON Schema draft-07, default) or "
            + "markdown (docs/ACTIONS.md).")
    Format format = Format.json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ActionRegistry registry = ActionRegistry.builtIn();
        String text = format == Format.json ? new SchemaGenerator(registry).json() : new ActionDocs(registry).markdown();
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
